package io.aurum.golden;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.aurum.lake.ValueHash;
import io.aurum.standardize.CanonicalProjection;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The golden records an incremental night must build again: those whose source records are not exactly last
 * night's. Everything survivorship reads comes from a customer's records, so a golden record whose records all
 * kept their golden id and their values ({@link #rowHash}) would come out as it is.
 */
public final class ChangedCustomers {
  static final String ROW_HASH = "row_hash";

  private ChangedCustomers() {}

  /** A hash of a silver row's values, lineage columns (run, file, ingestion time) left out. */
  static Column rowHash(Dataset<Row> silver) {
    return ValueHash.of(Arrays.stream(silver.columns()).filter(c -> !CanonicalProjection.LINEAGE.contains(c)).toList());
  }

  /**
   * @param tonight   {@code record_id}, {@code golden_id}, {@code row_hash} of tonight's records
   * @param previous  {@code gold.customer_xref} as last night left it ({@code record_id}, {@code golden_id},
   *                  {@code row_hash}, {@code last_seen}); records not seen last night are ignored
   * @param overridden {@code golden_id} of the customers a steward override touches tonight or touched last night
   * @return distinct {@code golden_id}: tonight's id of a record that is new, changed or moved, last night's id of a
   *     record that moved or is gone, and the overridden ones
   */
  static Dataset<Row> of(Dataset<Row> tonight, Dataset<Row> previous, Dataset<Row> overridden) {
    Dataset<Row> lastNight = previous.where(col("last_seen").equalTo(
            previous.select(max("last_seen")).first().getDate(0)))
        .select(col("record_id"), col("golden_id").as("_last_id"), col(ROW_HASH).as("_last_hash"));
    // One join of both nights by record: a record that is new, changed or moved names tonight's id, one that moved
    // or is gone last night's id.
    Column moved = col("golden_id").notEqual(col("_last_id"));
    Column tonightsId = when(col("_last_id").isNull().or(moved).or(not(col(ROW_HASH).eqNullSafe(col("_last_hash")))),
        col("golden_id"));
    Column lastNightsId = when(col("golden_id").isNull().or(moved), col("_last_id"));
    return tonight.join(lastNight, new String[] {"record_id"}, "full_outer")
        .select(explode(array(tonightsId, lastNightsId)).as("golden_id"))
        .where(col("golden_id").isNotNull())
        .unionByName(overridden.select("golden_id"))
        .distinct();
  }
}
