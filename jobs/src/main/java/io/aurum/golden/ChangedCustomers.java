package io.aurum.golden;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The golden records an incremental night must build again: those whose source records are not exactly last
 * night's. Everything survivorship reads comes from a customer's records, so a golden record whose records all
 * kept their golden id and their values ({@code value_hash} of silver, kept as {@link #ROW_HASH} in the
 * cross-reference) would come out as it is.
 */
public final class ChangedCustomers {
  static final String ROW_HASH = "row_hash";

  private ChangedCustomers() {}

  /**
   * @param nights     {@link XrefNights} of tonight's records ({@code golden_id}, {@code row_hash}) and the
   *                   cross-reference as last night left it; records it last saw on an earlier night count as new
   * @param overridden {@code golden_id} of the customers a steward override touches tonight or touched last night
   * @return distinct {@code golden_id}: tonight's id of a record that is new, changed or moved, last night's id of a
   *     record that moved or is gone, and the overridden ones
   */
  static Dataset<Row> of(Dataset<Row> nights, Dataset<Row> overridden) {
    Column lastNight = lastNight(nights);
    Column lastId = when(lastNight, col("golden_id"));
    Column tonightId = XrefNights.tonight("golden_id");
    // A record that is new, changed or moved names tonight's id, one that moved or is gone last night's id.
    Column moved = tonightId.notEqual(lastId);
    Column tonightsId = when(lastId.isNull().or(moved)
        .or(not(XrefNights.tonight(ROW_HASH).eqNullSafe(when(lastNight, col(ROW_HASH))))), tonightId);
    Column lastNightsId = when(tonightId.isNull().or(moved), lastId);
    return nights.select(explode(array(tonightsId, lastNightsId)).as("golden_id"))
        .where(col("golden_id").isNotNull())
        .unionByName(overridden.select("golden_id"))
        .distinct();
  }

  /**
   * Distinct tonight's {@code golden_id} of the records whose orders are not last night's: their
   * {@link Customer360#ORDERS_HASH} differs from the one the cross-reference kept last night (orders added, changed
   * or gone). Such a customer's 360 view changes though its golden record may not.
   *
   * @param nights {@link XrefNights} of tonight's records ({@code golden_id}, {@code orders_hash}) and the
   *               cross-reference as last night left it
   */
  static Dataset<Row> withChangedOrders(Dataset<Row> nights) {
    Column hash = col(Customer360.ORDERS_HASH);
    return nights.where(XrefNights.tonight("golden_id").isNotNull()
            .and(not(XrefNights.tonight(Customer360.ORDERS_HASH).eqNullSafe(when(lastNight(nights), hash)))))
        .select(XrefNights.tonight("golden_id").as("golden_id"))
        .distinct();
  }

  /** True for a cross-reference row last seen on the last night (the latest night it holds). */
  private static Column lastNight(Dataset<Row> nights) {
    return col("last_seen").equalTo(lit(nights.select(max("last_seen")).first().getDate(0)));
  }
}
