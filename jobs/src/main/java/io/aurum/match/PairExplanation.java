package io.aurum.match;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.aurum.match.block.CandidatePairs;
import io.aurum.match.compare.Comparison;
import io.aurum.match.compare.ComparisonVectors;
import io.aurum.match.score.FsParameters;
import io.aurum.match.score.MatchScorer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Why two records do or do not match: the prior, each comparison's level and weight, the total weight and the
 * probability, computed afresh with the given parameters (so any two records can be explained, also a pair
 * blocking never proposed), and which blocking rules pair them.
 */
public final class PairExplanation {
  /** One comparison's contribution. */
  public record Contribution(String comparison, int level, String label, double weight) {}

  /**
   * @param blockedBy blocking rules that pair the two records, block-size caps aside (empty: blocking never
   *                  compares them)
   */
  public record Result(String left, String right, double priorWeight, List<Contribution> contributions,
                       double matchWeight, double matchProbability, List<String> blockedBy) {}

  private PairExplanation() {}

  /**
   * @param records {@link MatchStage#records} rows (with term frequencies) holding at least the two records
   */
  public static Result explain(Dataset<Row> records, String left, String right, MatchRules rules, FsParameters p) {
    Dataset<Row> selected = records.where(col(CandidatePairs.ID).isin(left, right));
    List<Row> found = selected.collectAsList();
    // The two rows as collected: their record numbers hold only within one evaluation of the records.
    Dataset<Row> two = records.sparkSession().createDataFrame(found, selected.schema());
    long l = find(found, left).getAs(CandidatePairs.NUMBER);
    long r = find(found, right).getAs(CandidatePairs.NUMBER);
    List<Row> blocked = CandidatePairs.generate(two, rules.blocking(), rules.minHash(), 2).pairs().collectAsList();
    List<String> blockedBy = blocked.isEmpty() ? List.of() : blocked.get(0).getList(2);
    Dataset<Row> pair = records.sparkSession().range(1)
        .select(lit(l).as(CandidatePairs.NUMBER + "_l"), lit(r).as(CandidatePairs.NUMBER + "_r"));
    Row scored = MatchScorer.score(ComparisonVectors.compare(pair, two, rules.comparisons()), rules.comparisons(), p)
        .first();
    List<Contribution> contributions = new ArrayList<>();
    for (Comparison c : rules.comparisons()) {
      int level = scored.getAs(c.gammaColumn());
      contributions.add(new Contribution(c.name(), level,
          level == Comparison.NULL_LEVEL ? "null (missing)" : c.labels().get(level), scored.getAs(c.weightColumn())));
    }
    return new Result(left, right, p.priorWeight(), contributions, scored.getAs("match_weight"),
        scored.getAs("match_probability"), blockedBy);
  }

  private static Row find(List<Row> rows, String id) {
    return rows.stream().filter(r -> id.equals(r.getAs(CandidatePairs.ID))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no record " + id + " in silver.customers"));
  }
}
