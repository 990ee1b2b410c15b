package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.lake.Lakehouse;
import io.aurum.match.ClusterEvaluation;
import io.aurum.match.MatchStage;
import io.aurum.match.TruthFile;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aurum evaluate}: the latest clusters against a truth file, as pairwise and B-cubed figures. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Compare match.clusters with a truth file (CSV with a header; columns source, source_id, entity id)"
        + " and print pairwise precision, recall, F1, B-cubed precision and recall, false and missed merges.")
final class EvaluateCommand extends SparkCommand {
  @Option(names = "--truth", required = true, paramLabel = "FILE", description = "The truth CSV file.")
  File truth;

  @Mixin
  ReportFormatOption report;

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    Lakehouse lake = new Lakehouse(spark, config.lakehouse());
    if (missing(lake, MatchStage.CLUSTERS, "match")) {
      return ExitCode.BAD_CONFIGURATION;
    }
    Dataset<Row> truthRows;
    try {
      truthRows = TruthFile.read(spark, truth.toPath());
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return ExitCode.BAD_CONFIGURATION;
    }
    ClusterEvaluation.Result r = ClusterEvaluation.evaluate(lake.read(MatchStage.CLUSTERS), truthRows);
    if (report.json()) {
      out().println(Json.of(json(r)));
    } else {
      out().printf("records evaluated   %,d (clustered but not in truth %,d; in truth but not clustered %,d)%n",
          r.records(), r.clustersOnly(), r.truthOnly());
      out().printf("pairwise            precision %.4f  recall %.4f  F1 %.4f%n", r.precision(), r.recall(), r.f1());
      out().printf("pairs               true %,d  predicted %,d  correct %,d%n", r.truePairs(), r.predictedPairs(),
          r.truePositivePairs());
      out().printf("B-cubed             precision %.4f  recall %.4f%n", r.bcubedPrecision(), r.bcubedRecall());
      out().printf("false merges        %,d clusters mix entities, e.g.%n", r.falseMerges());
      r.falseMergeExamples().forEach(e -> out().println("  " + e));
      out().printf("missed merges       %,d entities spread over clusters, e.g.%n", r.missedMerges());
      r.missedMergeExamples().forEach(e -> out().println("  " + e));
    }
    return ExitCode.OK;
  }

  private static Map<String, Object> json(ClusterEvaluation.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", r.records());
    m.put("clustered_not_in_truth", r.clustersOnly());
    m.put("truth_not_clustered", r.truthOnly());
    m.put("precision", r.precision());
    m.put("recall", r.recall());
    m.put("f1", r.f1());
    m.put("true_pairs", r.truePairs());
    m.put("predicted_pairs", r.predictedPairs());
    m.put("correct_pairs", r.truePositivePairs());
    m.put("bcubed_precision", r.bcubedPrecision());
    m.put("bcubed_recall", r.bcubedRecall());
    m.put("false_merges", r.falseMerges());
    m.put("missed_merges", r.missedMerges());
    m.put("false_merge_examples", r.falseMergeExamples());
    m.put("missed_merge_examples", r.missedMergeExamples());
    return m;
  }
}
