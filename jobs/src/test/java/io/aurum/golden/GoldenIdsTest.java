package io.aurum.golden;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.SparkTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class GoldenIdsTest {
  private static final StructType CLUSTERS = StructType.fromDDL("record_id STRING, cluster_id STRING");
  private static final StructType XREF = StructType.fromDDL("record_id STRING, golden_id STRING");

  @Test
  void idsSurviveMergesSplitsAndRetirementsAndEachEventIsRecorded() {
    Dataset<Row> previous = rows(XREF, "a G1", "b G1", "c G2", "d G2", "e G3", "f G3", "g G4");
    Dataset<Row> tonight = rows(CLUSTERS, "a a", "b a", "c a", "d a", "e e", "f f", "h h");

    GoldenIds.Result r = GoldenIds.assign(tonight, previous, rows(XREF, "x G1", "x G2", "x G3", "x G4")
        .select("golden_id"), "2026-11-23");

    Map<String, String> ids = map(records(r, tonight, previous), "cluster_id", "golden_id");
    assertEquals("G1", ids.get("a"), "G1 and G2 merged: the tie goes to the smaller id, which survives");
    assertEquals("G3", ids.get("e"), "G3 split: the part with the smaller cluster id keeps it on a tie");
    String fresh = ids.get("f");
    assertTrue(fresh.matches("G[0-9A-F]{16}"), fresh);
    assertNotEquals(fresh, ids.get("h"));
    List<String> events = r.events().collectAsList().stream()
        .map(e -> e.getString(0) + " " + e.getString(1).replace(fresh, "NEW-f").replace(ids.get("h"), "NEW-h")
            + " " + e.getString(2) + " " + e.getLong(3))
        .sorted().toList();
    assertEquals(List.of("created NEW-h null 1", "merged G2 G1 2", "retired G4 null 0", "split NEW-f G3 1"), events);
  }

  @Test
  void theSameClustersAgainKeepEveryIdAndRecordNoEvent() {
    Dataset<Row> tonight = rows(CLUSTERS, "a a", "b a", "c c");
    GoldenIds.Result first = GoldenIds.assign(tonight, rows(XREF), rows(XREF).select("golden_id"), "2026-11-22");
    Map<String, String> ids = map(records(first, tonight, rows(XREF)), "cluster_id", "golden_id");
    assertEquals(2, first.events().where("event = 'created'").count());

    Dataset<Row> xref = records(first, tonight, rows(XREF)).select("record_id", "golden_id");
    GoldenIds.Result second = GoldenIds.assign(tonight, xref, xref.select("golden_id").distinct(), "2026-11-23");
    assertEquals(ids, map(records(second, tonight, xref), "cluster_id", "golden_id"));
    assertEquals(0, second.events().count());
  }

  @Test
  void assigningWithinTheTouchedClustersGivesWhatAllClustersGive() {
    // As in the first test, plus cluster m (records m, n), last night's G5 as it was: no record of it is touched.
    Dataset<Row> previous = rows(XREF, "a G1", "b G1", "c G2", "d G2", "e G3", "f G3", "g G4", "m G5", "n G5");
    Dataset<Row> tonight = rows(CLUSTERS, "a a", "b a", "c a", "d a", "e e", "f f", "h h", "m m", "n m");
    Dataset<Row> issued = rows(XREF, "x G1", "x G2", "x G3", "x G4", "x G5").select("golden_id");
    // Rows of match.clusters changed since last night, with their clusters before and after the change: a and b
    // (their cluster grew), c and d (moved from cluster c), e (its cluster shrank), f (a new cluster, from e), g (gone),
    // h (new).
    Dataset<Row> touched = rows(StructType.fromDDL("record_id STRING, cluster_id STRING"), "a a", "b a", "c c",
        "c a", "d c", "d a", "e e", "f e", "f f", "g g", "h h");

    GoldenIds.Result all = GoldenIds.assign(tonight, previous, issued, "2026-11-23");
    GoldenIds.Result within = GoldenIds.assignTouched(tonight, previous, touched, issued, "2026-11-23");

    Map<String, String> withinIds = map(records(within, tonight, previous), "record_id", "golden_id");
    assertEquals(map(records(all, tonight, previous), "record_id", "golden_id"), withinIds);
    assertEquals("G5", withinIds.get("n"), "a cluster no touched record is in keeps its records' id");
    assertEquals(events(all), events(within));
    assertEquals(4, events(within).size());
  }

  @Test
  void aNewIdNeverReusesOneIssuedBefore() {
    Dataset<Row> tonight = rows(CLUSTERS, "a a");
    String natural = map(records(GoldenIds.assign(tonight, rows(XREF), rows(XREF).select("golden_id"), "2026-11-23"),
        tonight, rows(XREF)), "cluster_id", "golden_id").get("a");
    Dataset<Row> issued = SparkTest.spark().createDataFrame(List.of(RowFactory.create(natural)),
        StructType.fromDDL("golden_id STRING"));
    String salted = map(records(GoldenIds.assign(tonight, rows(XREF), issued, "2026-11-23"), tonight, rows(XREF)),
        "cluster_id", "golden_id").get("a");
    assertNotEquals(natural, salted);
  }

  /** Every record of {@code clusters} with its golden id tonight, from {@code previous} where its cluster kept it. */
  private static Dataset<Row> records(GoldenIds.Result r, Dataset<Row> clusters, Dataset<Row> previous) {
    return r.withAssigned(clusters).join(previous.withColumnRenamed("golden_id", "previous_id"),
            new String[] {"record_id"}, "left")
        .withColumn("golden_id", GoldenIds.tonightsId(col(GoldenIds.ASSIGNED), col("previous_id")));
  }

  private static List<String> events(GoldenIds.Result r) {
    return r.events().collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static Dataset<Row> rows(StructType schema, String... pairs) {
    return SparkTest.spark().createDataFrame(java.util.Arrays.stream(pairs)
        .map(p -> RowFactory.create((Object[]) p.split(" "))).toList(), schema);
  }

  private static Map<String, String> map(Dataset<Row> rows, String key, String value) {
    return rows.select(key, value).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1), (a, b) -> a, TreeMap::new));
  }
}
