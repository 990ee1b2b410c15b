package io.aurum.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.match.cluster.Clusters;
import io.aurum.match.cluster.GreedyClustering;
import io.aurum.match.cluster.GreedyClustering.Link;
import io.aurum.match.cluster.InMemoryClusters;
import io.aurum.match.cluster.Overrides;
import io.aurum.testing.SparkTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ClusteringTest {
  private static final StructType PAIRS = StructType.fromDDL(
      "record_id_l STRING, record_id_r STRING, match_probability DOUBLE");
  private static final Clusters.Settings SETTINGS = new Clusters.Settings(0.95, 4, 0.999, 20, 0);

  @Test
  void linkedRecordsShareTheSmallestIdAndWeakLinksDoNotJoin() {
    Map<String, String> clusters = assign(List.of("a", "b", "c", "d", "e", "f"), List.of(
        RowFactory.create("a", "b", 0.99), RowFactory.create("c", "b", 0.97), // a chain a-b-c
        RowFactory.create("d", "e", 0.999), RowFactory.create("c", "d", 0.60))); // too weak to join
    assertEquals(Map.of("a", "a", "b", "a", "c", "a", "d", "d", "e", "d", "f", "f"), clusters);
  }

  @Test
  void aClusterPastTheMaximumSizeIsSplitOnItsStrongestLinks() {
    List<Row> links = new ArrayList<>();
    // Two tight groups of three bridged by one link just above auto-match: six records, the maximum is four.
    for (String[] p : new String[][] {{"a", "b"}, {"b", "c"}, {"a", "c"}, {"x", "y"}, {"y", "z"}, {"x", "z"}}) {
      links.add(RowFactory.create(p[0], p[1], 0.9999));
    }
    links.add(RowFactory.create("c", "x", 0.96));
    Map<String, String> clusters = assign(List.of("a", "b", "c", "x", "y", "z"), links);
    assertEquals(Map.of("a", "a", "b", "a", "c", "a", "x", "x", "y", "x", "z", "x"), clusters);
  }

  @Test
  void greedySplitNeverGrowsAPartPastTheMaximum() {
    List<Link> chain = new ArrayList<>();
    List<String> records = List.of("r1", "r2", "r3", "r4", "r5");
    for (int i = 1; i < records.size(); i++) {
      chain.add(new Link(records.get(i - 1), records.get(i), 1.0 - i * 1e-5));
    }
    Map<String, String> parts = GreedyClustering.split(records, chain, List.of(), 2, 0.999);
    assertEquals(new TreeMap<>(Map.of("r1", "r1", "r2", "r1", "r3", "r3", "r4", "r3", "r5", "r5")),
        new TreeMap<>(parts));
    assertNotEquals(parts.get("r2"), parts.get("r3"));
  }

  @Test
  void mustLinkJoinsUnlinkedRecordsAndCannotLinkSplitsAChainKeepingTheStrongerLink() {
    Map<String, String> clusters = assign(List.of("a", "b", "c", "d", "e"), List.of(
            RowFactory.create("a", "b", 0.99), RowFactory.create("b", "c", 0.97), RowFactory.create("d", "e", 0.999)),
        List.of(RowFactory.create("cannot_link", "a", "c"), RowFactory.create("cannot_link", "d", "e"),
            RowFactory.create("must_link", "c", "e"), RowFactory.create("must_link", "x", "y")));
    // a-b-c is one component until a and c are kept apart: b stays with a (0.99 beats 0.97); d and e are apart
    // although their score is high; the steward's c-e link puts e with c; x and y are not in the data.
    assertEquals(Map.of("a", "a", "b", "a", "c", "c", "d", "d", "e", "c"), clusters);
  }

  @Test
  void greedySplitKeepsApartPairsInDifferentParts() {
    List<Link> links = List.of(new Link("a", "b", 0.99), new Link("b", "c", 0.98), new Link("c", "d", 0.97));
    Map<String, String> parts = GreedyClustering.split(List.of("a", "b", "c", "d"), links,
        List.of(new GreedyClustering.Apart("a", "d")), 10, 0.9);
    assertEquals(new TreeMap<>(Map.of("a", "a", "b", "a", "c", "a", "d", "d")), new TreeMap<>(parts));
  }

  @Test
  void inMemoryClustersEqualSparksOnRandomGraphsWithOverrides() {
    for (long seed : new long[] {1, 2}) {
      Random random = new Random(seed);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        ids.add(String.format("s:%03d", i));
      }
      List<Row> links = new ArrayList<>();
      // Groups of one to nine records (past the maximum of four), linked at random around auto-match and strict.
      // Steward pairs within a group (must-link every third, cannot-link the others), so that they meet the links.
      List<Overrides.Pair> must = new ArrayList<>();
      List<Overrides.Pair> cannot = new ArrayList<>();
      for (int first = 0, size; first < ids.size(); first += size) {
        size = Math.min(ids.size() - first, 1 + random.nextInt(9));
        for (int i = 0; i < 2 * size; i++) {
          int a = first + random.nextInt(size);
          int b = first + random.nextInt(size);
          double p = new double[] {0.5, 0.951, 0.97, 0.999, 0.9995, 1.0}[random.nextInt(6)];
          links.add(RowFactory.create(ids.get(Math.min(a, b)), ids.get(Math.max(a, b)), p));
        }
        if (size > 2) {
          int a = first + random.nextInt(size - 1);
          int b = a + 1 + random.nextInt(first + size - a - 1);
          (first % 3 == 0 ? must : cannot).add(new Overrides.Pair(ids.get(a), ids.get(b), "test", "test:" + a));
        }
      }
      must.add(new Overrides.Pair("s:001", "x:unknown", "not in the data", "test:must"));
      Overrides overrides = new Overrides(must, cannot);
      List<String> spark = new ArrayList<>();
      Clusters.assign(records(ids), SparkTest.spark().createDataFrame(links, PAIRS),
              overrides.rows(SparkTest.spark()), SETTINGS, line -> { })
          .collectAsList().forEach(r -> spark.add(r.getString(0) + " " + r.getString(1) + " "
              + r.getLong(r.fieldIndex("cluster_size")) + " " + r.getString(r.fieldIndex("component_id"))));
      List<String> inMemory = new ArrayList<>();
      InMemoryClusters.assign(ids, links.stream().map(r -> new Link(r.getString(0), r.getString(1), r.getDouble(2)))
              .toList(), overrides, SETTINGS)
          .forEach(a -> inMemory.add(a.recordId() + " " + a.clusterId() + " " + a.clusterSize() + " "
              + a.componentId()));
      Collections.sort(spark);
      Collections.sort(inMemory);
      assertEquals(spark, inMemory, "seed " + seed);
      assertTrue(inMemory.stream().anyMatch(a -> !a.split(" ")[1].equals(a.split(" ")[3])),
          "seed " + seed + ": some component was split");
    }
  }

  private static Dataset<Row> records(List<String> ids) {
    return SparkTest.spark().createDataFrame(ids.stream().map(id -> RowFactory.create(id)).toList(),
        StructType.fromDDL("record_id STRING"));
  }

  private static Map<String, String> assign(List<String> ids, List<Row> links) {
    return assign(ids, links, List.of());
  }

  /** Clusters by Spark, checked against the same clusters formed in memory. */
  private static Map<String, String> assign(List<String> ids, List<Row> links, List<Row> overrides) {
    Dataset<Row> scored = SparkTest.spark().createDataFrame(links, PAIRS);
    Dataset<Row> steward = SparkTest.spark().createDataFrame(overrides,
        StructType.fromDDL("kind STRING, record_id_l STRING, record_id_r STRING"));
    Map<String, String> out = new TreeMap<>();
    Clusters.assign(records(ids), scored, steward, SETTINGS, line -> { }).collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getString(1)));
    List<Overrides.Pair> must = new ArrayList<>();
    List<Overrides.Pair> cannot = new ArrayList<>();
    overrides.forEach(r -> (r.getString(0).equals("must_link") ? must : cannot)
        .add(new Overrides.Pair(r.getString(1), r.getString(2), "", "")));
    Map<String, String> inMemory = new TreeMap<>();
    InMemoryClusters.assign(ids, links.stream().map(r -> new Link(r.getString(0), r.getString(1), r.getDouble(2)))
        .toList(), new Overrides(must, cannot), SETTINGS).forEach(a -> inMemory.put(a.recordId(), a.clusterId()));
    assertEquals(out, inMemory, "in memory");
    return out;
  }
}
