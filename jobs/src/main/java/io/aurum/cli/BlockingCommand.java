package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.lake.Lakehouse;
import io.aurum.match.MatchRules;
import io.aurum.match.MatchStage;
import io.aurum.match.TruthFile;
import io.aurum.match.block.BlockingReport;
import io.aurum.standardize.StandardizeStage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aurum blocking}: what each blocking rule of match.conf generates on silver.customers, before scoring. */
@Command(name = "blocking", mixinStandardHelpOptions = true,
    description = "Print, before any scoring, the candidate pairs each blocking rule of match.conf generates on "
        + "silver.customers (and those only it generates), the oversized blocks, and with --truth the share of the "
        + "true pairs each rule and all rules together find (the recall blocking allows).")
final class BlockingCommand extends SparkCommand {
  @Option(names = "--truth", paramLabel = "FILE",
      description = "Truth CSV file (columns source, source_id, entity id) to estimate the blocking's recall.")
  File truth;

  @Mixin
  ReportFormatOption report;

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    MatchRules rules = MatchRules.load(Path.of(config.rulesDir()));
    Lakehouse lake = new Lakehouse(spark, config.lakehouse());
    if (missing(lake, StandardizeStage.CUSTOMERS, "standardize")) {
      return ExitCode.BAD_CONFIGURATION;
    }
    BlockingReport.Result r;
    try {
      r = BlockingReport.of(MatchStage.records(lake.read(StandardizeStage.CUSTOMERS), rules), rules.blocking(),
          rules.minHash(), rules.maxBlockSize(), truth == null ? null : TruthFile.read(spark, truth.toPath()));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return ExitCode.BAD_CONFIGURATION;
    }
    if (report.json()) {
      out().println(Json.of(json(r)));
      return ExitCode.OK;
    }
    out().printf("records %,d  candidate pairs %,d (all rules, deduplicated)%n", r.records(), r.candidatePairs());
    out().printf("%-28s %12s %14s %10s%s%n", "rule", "pairs", "only this rule", "oversized",
        truth == null ? "" : String.format(" %10s %16s", "recall", "true only this"));
    for (BlockingReport.RuleFigures f : r.rules()) {
      out().printf("%-28s %,12d %,14d %,10d%s%n", f.rule(), f.pairs(), f.onlyThisRule(), f.oversized(),
          truth == null ? "" : String.format(" %10.4f %,16d", r.recall(f), f.trueOnlyThisRule()));
    }
    if (truth != null) {
      out().printf("true pairs %,d  found by blocking %,d  blocking recall %.4f%n", r.truePairs(), r.truePairsFound(),
          r.recall());
    }
    return ExitCode.OK;
  }

  private static Map<String, Object> json(BlockingReport.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", r.records());
    m.put("candidate_pairs", r.candidatePairs());
    List<Map<String, Object>> rules = new ArrayList<>();
    for (BlockingReport.RuleFigures f : r.rules()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("rule", f.rule());
      rule.put("pairs", f.pairs());
      rule.put("only_this_rule", f.onlyThisRule());
      rule.put("oversized_blocks", f.oversized());
      if (r.truePairs() >= 0) {
        rule.put("true_pairs_found", f.truePairsFound());
        rule.put("true_pairs_only_this_rule", f.trueOnlyThisRule());
        rule.put("recall", r.recall(f));
      }
      rules.add(rule);
    }
    m.put("rules", rules);
    if (r.truePairs() >= 0) {
      m.put("true_pairs", r.truePairs());
      m.put("true_pairs_found", r.truePairsFound());
      m.put("recall", r.recall());
    }
    return m;
  }
}
