package io.aurum.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.aurum.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link StandardizeStage#withValueHash}: equal values hash alike whatever their lineage; any other value differs. */
@ExtendWith(SparkTest.class)
class ValueHashColumnTest {

  /** The value hash of one customer record: email, city, then the lineage columns file, line and run. */
  private static long hash(String email, String city, String file, long line, String run) {
    return StandardizeStage.withValueHash(SparkTest.spark().sql(String.format("SELECT '%s' AS email, %s AS city, "
            + "'%s' AS _file, %dL AS _row_number, '%s' AS _run_id", email, city == null ? "CAST(NULL AS STRING)"
            : "'" + city + "'", file, line, run)))
        .first().getAs(StandardizeStage.VALUE_HASH);
  }

  @Test
  void theHashFollowsTheValuesNotTheLineage() {
    long ann = hash("ann@x.com", "Leeds", "f1", 1, "r1");
    assertEquals(ann, hash("ann@x.com", "Leeds", "f2", 7, "r2"), "sent again in another file and run");
    assertNotEquals(ann, hash("ann@x.com", "York", "f1", 1, "r1"), "moved");
    assertNotEquals(ann, hash("ann@x.com", null, "f1", 1, "r1"), "city gone");
    assertNotEquals(ann, hash("ann@y.com", "Leeds", "f1", 1, "r1"), "new email");
  }

  /** The value hash of a row given as SQL select expressions. */
  private static long hashOf(String select) {
    return StandardizeStage.withValueHash(SparkTest.spark().sql("SELECT " + select)).first()
        .getAs(StandardizeStage.VALUE_HASH);
  }

  @Test
  void aValueInAnotherColumnOrAnotherMapEntryDiffers() {
    String none = "CAST(NULL AS STRING)";
    assertNotEquals(hashOf("'Leeds' AS city, " + none + " AS region"), hashOf(none + " AS city, 'Leeds' AS region"));
    assertEquals(hashOf("'Leeds' AS city, " + none + " AS region"), hashOf("'Leeds' AS city"), "null is absent");
    assertNotEquals(hashOf("map('tier', 'gold') AS attributes"), hashOf("map('tier', 'silver') AS attributes"));
    assertNotEquals(hashOf("map('tier', 'gold') AS attributes"), hashOf("map('rank', 'gold') AS attributes"));
    assertNotEquals(hashOf("map() AS attributes"), hashOf("CAST(NULL AS MAP<STRING, STRING>) AS attributes"));
    assertNotEquals(hashOf("array('a b') AS dq_issues"), hashOf("array('a', 'b') AS dq_issues"));
  }

  @Test
  void aStaleHashIsReplacedNotHashedIn() {
    var rehashed = StandardizeStage.withValueHash(
        SparkTest.spark().sql("SELECT 'ann@x.com' AS email, 0L AS value_hash"));
    var fresh = StandardizeStage.withValueHash(SparkTest.spark().sql("SELECT 'ann@x.com' AS email"));
    assertEquals(2, rehashed.columns().length, "one value_hash column");
    assertEquals((long) fresh.first().getAs(StandardizeStage.VALUE_HASH),
        (long) rehashed.first().getAs(StandardizeStage.VALUE_HASH));
  }
}
