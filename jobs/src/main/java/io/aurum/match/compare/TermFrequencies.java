package io.aurum.match.compare;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Adds {@code tf_<name>} to every record for comparisons with term frequencies: the share of records (with a
 * value) holding the record's value, so that agreeing on "wang" counts for less than agreeing on "ouyang".
 */
public final class TermFrequencies {
  private static final String VALUE = "_tf_value";

  private TermFrequencies() {}

  /** {@code records} with the shares of their values among themselves. */
  public static Dataset<Row> add(Dataset<Row> records, List<Comparison> comparisons) {
    return withShares(records, comparisons, c -> records.where(col(c.termFrequency()).isNotNull())
        .groupBy(col(c.termFrequency()).as(VALUE)).count());
  }

  /**
   * {@code records} with the shares of their values among the {@code population}, which holds the records and many
   * more (an incremental night's compared records among all records): only the records' own values are counted one
   * by one, every other value of the population in one count, so the population's values are neither shuffled nor
   * ranked. The shares are those {@link #add(Dataset, List)} gives the population.
   */
  public static Dataset<Row> add(Dataset<Row> records, Dataset<Row> population, List<Comparison> comparisons) {
    return withShares(records, comparisons, c -> {
      Dataset<Row> wanted = records.where(col(c.termFrequency()).isNotNull())
          .select(col(c.termFrequency()).as(VALUE), lit(true).as("_wanted")).distinct();
      // The other values count under a null value: their number is part of the total only.
      return population.where(col(c.termFrequency()).isNotNull())
          .select(col(c.termFrequency()).as(VALUE))
          .join(broadcast(wanted), new String[] {VALUE}, "left")
          .groupBy(when(col("_wanted"), col(VALUE)).as(VALUE)).count();
    });
  }

  /**
   * {@code records} with {@code tf_<name>} for every comparison with term frequencies, from its {@code counts}
   * ({@code _tf_value}, {@code count}: every value of the population with a value, or some values and a null one
   * counting the others).
   */
  private static Dataset<Row> withShares(Dataset<Row> records, List<Comparison> comparisons,
                                         Function<Comparison, Dataset<Row>> counts) {
    Dataset<Row> out = records;
    for (Comparison c : comparisons) {
      if (c.termFrequency() == null) {
        continue;
      }
      // The total is one number: a window over the small table of counted values, not over the records.
      Dataset<Row> shares = counts.apply(c).select(col(VALUE),
          col("count").divide(sum("count").over(Window.partitionBy(lit(1)))).as(c.tfColumn()));
      out = out.join(shares, out.col(c.termFrequency()).equalTo(shares.col(VALUE)), "left").drop(VALUE);
    }
    return out;
  }
}
