package io.aurum.golden;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The golden records an incremental night must build again: those whose source records are not exactly last
 * night's. Everything survivorship reads comes from a customer's records, so a golden record whose records all
 * kept their golden id and their values would come out as it is. A record whose values changed has a changed row in
 * {@code match.clusters} (its {@code value_hash}), so it is one of the records the change feed names.
 */
final class ChangedCustomers {
  private ChangedCustomers() {}

  /**
   * @param tonight    {@code record_id}, {@code golden_id} of tonight's records
   * @param previous   {@code record_id}, {@code golden_id} of the cross-reference as the last night left it
   * @param scope      {@code record_id} of the records whose golden id can differ from last night's (few), or null
   *                   for all records
   * @param touched    {@code record_id} of the records whose row in {@code match.clusters} changed since the last
   *                   night (new, changed or gone; few)
   * @param overridden {@code golden_id} of the customers a steward override touches tonight or touched last night
   * @return distinct {@code golden_id}: tonight's id of a record that is new, touched or moved, last night's id of a
   *     record that moved or is gone, and the overridden ones
   */
  static Dataset<Row> of(Dataset<Row> tonight, Dataset<Row> previous, Dataset<Row> scope, Dataset<Row> touched,
                         Dataset<Row> overridden) {
    Dataset<Row> lastNight = previous.select(col("record_id"), col("golden_id").as("_last_id"));
    if (scope != null) {
      tonight = tonight.join(broadcast(scope), "record_id");
      lastNight = lastNight.join(broadcast(scope), "record_id");
    }
    // One join of both nights by record: a record that is new, moved or touched names tonight's id, one that moved
    // or is gone last night's id (a new or gone record has no id on one side, so it moved).
    Column moved = not(col("golden_id").eqNullSafe(col("_last_id")));
    Column tonightsId = when(moved.or(col("_touched").isNotNull()), col("golden_id"));
    return tonight.select("record_id", "golden_id")
        .join(lastNight, new String[] {"record_id"}, "full_outer")
        .join(touched.select(col("record_id"), lit(true).as("_touched")), new String[] {"record_id"}, "left")
        .select(explode(array(tonightsId, when(moved, col("_last_id")))).as("golden_id"))
        .where(col("golden_id").isNotNull())
        .unionByName(overridden.select("golden_id"))
        .distinct();
  }
}
