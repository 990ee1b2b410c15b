package io.aurum.match.compare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Adds {@code tf_<name>} to every record for comparisons with term frequencies: the share of records (with a
 * value) holding the record's value, so that agreeing on "wang" counts for less than agreeing on "ouyang".
 */
public final class TermFrequencies {
  private TermFrequencies() {}

  public static Dataset<Row> add(Dataset<Row> records, List<Comparison> comparisons) {
    return add(records, records, comparisons);
  }

  /** {@code records} with the shares of their values among the {@code population} (which holds the records). */
  public static Dataset<Row> add(Dataset<Row> records, Dataset<Row> population, List<Comparison> comparisons) {
    Dataset<Row> out = records;
    for (Comparison c : comparisons) {
      if (c.termFrequency() == null) {
        continue;
      }
      String value = "_tf_value";
      Dataset<Row> counts = population.where(col(c.termFrequency()).isNotNull())
          .groupBy(col(c.termFrequency()).as(value)).count();
      // The total is one number: a window over the small table of distinct values, not over the records.
      Dataset<Row> shares = counts.select(col(value),
          col("count").divide(sum("count").over(Window.partitionBy(lit(1)))).as(c.tfColumn()));
      out = out.join(shares, out.col(c.termFrequency()).equalTo(shares.col(value)), "left").drop(value);
    }
    return out;
  }
}
