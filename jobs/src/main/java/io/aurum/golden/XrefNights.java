package io.aurum.golden;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every record of tonight or of an earlier night in one row, from one full outer join by {@code record_id} of
 * tonight's records and the cross-reference as the last night left it: the cross-reference's columns as they are
 * (null for a record it does not hold yet), tonight's columns under {@link #tonight} names (null for a record not
 * here tonight) and {@link #HERE} (true for a record here tonight). The change detection
 * ({@link ChangedCustomers}) and tonight's cross-reference both read it, so both nights are joined once.
 */
final class XrefNights {
  /** True for a record here tonight, else null. */
  static final String HERE = "_here_tonight";

  private XrefNights() {}

  /**
   * @param tonight  tonight's records: {@code record_id} and any columns
   * @param previous {@code gold.customer_xref} as the last night left it
   */
  static Dataset<Row> of(Dataset<Row> tonight, Dataset<Row> previous) {
    List<Column> renamed = new ArrayList<>(List.of(col("record_id"), lit(true).as(HERE)));
    for (String c : tonight.columns()) {
      if (!c.equals("record_id")) {
        renamed.add(col(c).as(tonightName(c)));
      }
    }
    return tonight.select(renamed.toArray(Column[]::new)).join(previous, new String[] {"record_id"}, "full_outer");
  }

  /** Tonight's records of {@code nights} ({@link #of}): {@code record_id} and tonight's {@code columns}. */
  static Dataset<Row> tonightsRecords(Dataset<Row> nights, String... columns) {
    List<Column> out = new ArrayList<>(List.of(col("record_id")));
    for (String c : columns) {
      out.add(tonight(c).as(c));
    }
    return nights.where(col(HERE).isNotNull()).select(out.toArray(Column[]::new));
  }

  /** Tonight's value of {@code column}. */
  static Column tonight(String column) {
    return col(tonightName(column));
  }

  static String tonightName(String column) {
    return "_tonight_" + column;
  }
}
