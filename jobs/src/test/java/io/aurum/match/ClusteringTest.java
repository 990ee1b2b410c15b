package io.aurum.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.aurum.match.cluster.Clusters;
import io.aurum.match.cluster.GreedyClustering;
import io.aurum.match.cluster.GreedyClustering.Link;
import io.aurum.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private static final Clusters.Settings SETTINGS = new Clusters.Settings(0.95, 4, 0.999, 20);

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
    Map<String, String> parts = GreedyClustering.split(records, chain, 2, 0.999);
    assertEquals(new TreeMap<>(Map.of("r1", "r1", "r2", "r1", "r3", "r3", "r4", "r3", "r5", "r5")),
        new TreeMap<>(parts));
    assertNotEquals(parts.get("r2"), parts.get("r3"));
  }

  private static Map<String, String> assign(List<String> ids, List<Row> links) {
    Dataset<Row> records = SparkTest.spark().createDataFrame(ids.stream().map(id -> RowFactory.create(id)).toList(),
        StructType.fromDDL("record_id STRING"));
    Dataset<Row> scored = SparkTest.spark().createDataFrame(links, PAIRS);
    Map<String, String> out = new TreeMap<>();
    Clusters.assign(records, scored, SETTINGS, line -> { }).collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getString(1)));
    return out;
  }
}
