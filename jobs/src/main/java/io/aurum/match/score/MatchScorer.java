package io.aurum.match.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.when;

import io.aurum.match.compare.Comparison;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Scores comparison vectors with {@link FsParameters}: {@code mw_<name>} per comparison (log2 m/u of its level;
 * 0 at the null level; at an exact level with term frequencies, log2 m / frequency of the shared value), then
 * {@code match_weight} (prior plus contributions) and {@code match_probability}.
 */
public final class MatchScorer {
  private MatchScorer() {}

  public static Dataset<Row> score(Dataset<Row> vectors, List<Comparison> comparisons, FsParameters p) {
    Dataset<Row> out = vectors;
    Column total = lit(p.priorWeight());
    for (Comparison c : comparisons) {
      Column gamma = col(c.gammaColumn());
      Column weight = when(gamma.equalTo(Comparison.NULL_LEVEL), lit(0.0));
      if (c.termFrequency() != null) {
        Column tf = col(c.tfColumn() + "_l");
        weight = weight.when(gamma.equalTo(0).and(tf.isNotNull()), log2(lit(p.m().get(c.name())[0]).divide(tf)));
      }
      for (int level = 0; level <= c.elseLevel(); level++) {
        weight = weight.when(gamma.equalTo(level), lit(p.weight(c.name(), level)));
      }
      out = out.withColumn(c.weightColumn(), weight);
      total = total.plus(col(c.weightColumn()));
    }
    return out.withColumn("match_weight", total)
        .withColumn("match_probability", lit(1.0).divide(lit(1.0).plus(pow(lit(2.0), functions.negate(col("match_weight"))))));
  }
}
