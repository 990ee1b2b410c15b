package io.aurum.cli;

import io.aurum.bench.PeakMemory;
import io.aurum.bench.StandardizeBenchmark;
import io.aurum.config.AurumConfig;
import io.aurum.generate.UniverseGenerator;
import io.aurum.lake.Lakehouse;
import io.aurum.match.ClusterEvaluation;
import io.aurum.match.MatchPreflight;
import io.aurum.match.MatchResult;
import io.aurum.match.MatchRules;
import io.aurum.match.MatchStage;
import io.aurum.match.TruthFile;
import io.aurum.pipeline.Pipeline;
import io.aurum.pipeline.Stage;
import io.aurum.standardize.StandardizeStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code aurum benchmark standardize|match}: generates a universe (once per work directory) and ingests it;
 * standardize is timed against a plain read-and-write of the same rows, match (after standardize, once) with
 * its pair counts, throughput, peak memory and accuracy against the generator's truth.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = {"Measure a stage on generated data. standardize: the stage's time and throughput next to a plain "
        + "Delta read-and-write of the same rows, in one run. match: records, candidate pairs, pairs per second, "
        + "stage time, peak memory and accuracy against the generator's truth.",
        "The data is generated into WORK/landing on first use and ingested into WORK/lakehouse."})
final class BenchmarkCommand extends SparkCommand {
  @Parameters(index = "0", paramLabel = "STAGE", description = "The stage to measure: standardize or match.")
  String stage;

  @Option(names = "--customers", defaultValue = "500000",
      description = "True customers to generate (about 2 customer records each). Default: ${DEFAULT-VALUE}.")
  long customers;

  @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--work", defaultValue = "generated/bench", paramLabel = "DIR",
      description = "Work directory for the data and the lakehouse. Default: ${DEFAULT-VALUE}.")
  Path work;

  @Override
  Map<String, String> overrides() {
    Path dir = work.resolve(customers + "-" + seed).toAbsolutePath();
    return Map.of("aurum.lakehouse", dir.resolve("lakehouse").toString(),
        "aurum.landing", dir.resolve("landing").toString(),
        "aurum.run-date", "2026-11-20",
        "aurum.ingest.max-quarantine-ratio", "1.0");
  }

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    if (!"standardize".equals(stage) && !"match".equals(stage)) {
      throw new ParameterException(spec.commandLine(), "Unknown stage to benchmark \"" + stage
          + "\"; stages: standardize, match");
    }
    Path landing = Path.of(config.landing());
    if (!Files.exists(landing.resolve("truth.csv"))) {
      out().printf("benchmark generating %,d customers into %s%n", customers, landing);
      out().flush();
      new UniverseGenerator(spark, new UniverseGenerator.Settings(customers, seed, landing.toString(),
          LocalDate.of(2023, 1, 1), LocalDate.of(2026, 11, 20), 0.0)).generate();
    }
    Pipeline pipeline = new Pipeline(spark, config, environment(), line -> {
      out().println(line);
      out().flush();
    });
    if (stage.equals("match")) {
      Lakehouse lake = new Lakehouse(spark, config.lakehouse());
      if (!lake.exists(StandardizeStage.CUSTOMERS)) {
        pipeline.run(List.of(Stage.INGEST, Stage.STANDARDIZE));
      }
      return match(spark, config, lake, landing.resolve("truth.csv"));
    }
    pipeline.run(List.of(Stage.INGEST));
    List<StandardizeBenchmark.Result> results = new StandardizeBenchmark(spark, config).run();
    out().printf("benchmark standardize  cores %d  (plain = read the bronze rows, write them unchanged to Delta)%n",
        results.get(0).cores());
    out().printf("  %-10s %12s %12s %9s %9s %7s %14s%n", "", "bronze rows", "silver rows", "plain s", "stage s",
        "ratio", "rows/s/core");
    for (StandardizeBenchmark.Result r : results) {
      out().printf("  %-10s %,12d %,12d %9.1f %9.1f %7.2f %,14.0f%n", r.name(), r.rows(), r.written(),
          r.baselineSeconds(), r.standardizeSeconds(), r.ratio(), r.rowsPerSecondPerCore());
    }
    out().println("  target: stage ratio <= 1.50");
    return ExitCode.OK;
  }

  private int match(SparkSession spark, AurumConfig config, Lakehouse lake, Path truth) {
    MatchRules rules = MatchRules.load(Path.of(config.rulesDir()));
    MatchPreflight.check(spark, rules, lake.read(StandardizeStage.CUSTOMERS).schema());
    PeakMemory.resetHeapPeaks();
    MatchResult r = new MatchStage(spark, lake, rules, line -> {
      out().println(line);
      out().flush();
    }).run();
    PeakMemory peak = PeakMemory.now();
    ClusterEvaluation.Result e = ClusterEvaluation.evaluate(lake.read(MatchStage.CLUSTERS), TruthFile.read(spark, truth));
    out().printf("benchmark match  cores %d  max heap %,d MB%n", spark.sparkContext().defaultParallelism(),
        Runtime.getRuntime().maxMemory() >> 20);
    out().printf("  records %,d  candidate pairs %,d  stage %.1f s  pairs/s %,.0f%n", r.records(), r.candidatePairs(),
        r.seconds(), r.candidatePairs() / r.seconds());
    out().printf("  peak memory: resident %,d MB (whole JVM since start)  heap pools %,d MB (their peaks during the stage, summed: an upper bound)%n",
        peak.residentBytes() >> 20, peak.heapBytes() >> 20);
    out().printf("  accuracy: pairwise precision %.4f  recall %.4f  F1 %.4f  (B-cubed P %.4f R %.4f)%n",
        e.precision(), e.recall(), e.f1(), e.bcubedPrecision(), e.bcubedRecall());
    out().println("  target: stage < 300 s");
    return ExitCode.OK;
  }
}
