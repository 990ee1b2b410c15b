package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.lake.Lakehouse;
import io.aurum.match.MatchRules;
import io.aurum.match.MatchStage;
import io.aurum.match.PairExplanation;
import io.aurum.match.compare.JaroWinkler;
import io.aurum.match.score.ParametersFile;
import io.aurum.standardize.StandardizeStage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aurum explain}: the match-weight waterfall of any two silver records. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explain the match score of two records (SOURCE:ID SOURCE:ID): prior, each comparison's level and"
        + " weight, total and probability, and which blocking rules pair them. Uses the pinned parameters, or the"
        + " last trained ones (<lakehouse>/_match/parameters.conf).")
final class ExplainCommand extends SparkCommand {
  @Parameters(index = "0", paramLabel = "SOURCE:ID")
  String left;

  @Parameters(index = "1", paramLabel = "SOURCE:ID")
  String right;

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    MatchRules rules = MatchRules.load(Path.of(config.rulesDir()));
    Lakehouse lake = new Lakehouse(spark, config.lakehouse());
    Path trained = Path.of(lake.root(), "_match", "parameters.conf");
    Path parameters = rules.pinnedParameters() != null ? rules.pinnedParameters() : trained;
    if (!Files.isRegularFile(parameters) || !lake.exists(StandardizeStage.CUSTOMERS)) {
      spec.commandLine().getErr().println("No trained parameters (" + parameters + ") or no silver.customers: "
          + "run the match stage first");
      return ExitCode.BAD_CONFIGURATION;
    }
    JaroWinkler.register(spark);
    PairExplanation.Result r = PairExplanation.explain(MatchStage.records(lake.read(StandardizeStage.CUSTOMERS), rules),
        left, right, rules, ParametersFile.read(parameters, rules.comparisons()));
    out().printf("%s  vs  %s%n", r.left(), r.right());
    out().printf("  %-14s %-34s %8.2f%n", "prior", "", r.priorWeight());
    r.contributions().forEach(c -> out().printf("  %-14s %-34s %+8.2f%n", c.comparison(), c.label(), c.weight()));
    out().printf("  %-14s %-34s %8.2f%n", "total", "match weight", r.matchWeight());
    out().printf("  match probability %.6f (auto-match at %.2f, review from %.2f)%n", r.matchProbability(),
        rules.autoMatchProbability(), rules.reviewProbability());
    out().println(r.blockedBy().isEmpty()
        ? "  blocking: no rule pairs these records, so the nightly match never compares them"
        : "  blocking: paired by " + String.join(", ", r.blockedBy()));
    return ExitCode.OK;
  }
}
