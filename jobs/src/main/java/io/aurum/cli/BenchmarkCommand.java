package io.aurum.cli;

import io.aurum.bench.PeakMemory;
import io.aurum.bench.SilverChanges;
import io.aurum.bench.StandardizeBenchmark;
import io.aurum.config.AurumConfig;
import io.aurum.generate.UniverseGenerator;
import io.aurum.golden.GoldenPreflight;
import io.aurum.golden.GoldenResult;
import io.aurum.golden.GoldenStage;
import io.aurum.golden.SurvivorshipRules;
import io.aurum.lake.Lakehouse;
import io.aurum.match.ClusterEvaluation;
import io.aurum.match.MatchPreflight;
import io.aurum.match.MatchResult;
import io.aurum.match.MatchRules;
import io.aurum.match.MatchStage;
import io.aurum.match.TruthFile;
import io.aurum.pipeline.Pipeline;
import io.aurum.pipeline.Progress;
import io.aurum.pipeline.RunContext;
import io.aurum.pipeline.Stage;
import io.aurum.standardize.StandardizeStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code aurum benchmark standardize|match|incremental}: generates a universe (once per work directory) and ingests
 * it; standardize is timed against a plain read-and-write of the same rows, match (after standardize, once) with
 * its pair counts, throughput, peak memory and accuracy against the generator's truth, and incremental times a full
 * night of match and golden against an incremental one after 1% of the records changed.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = {"Measure a stage on generated data. standardize: the stage's time and throughput next to a plain "
        + "Delta read-and-write of the same rows, in one run. match: records, candidate pairs, pairs per second, "
        + "stage time, peak memory and accuracy against the generator's truth. incremental: match and golden of "
        + "a full night, then of an incremental night after 1%% of the records changed.",
        "The data is generated into WORK/landing on first use and ingested into WORK/lakehouse."})
final class BenchmarkCommand extends SparkCommand {
  @Parameters(index = "0", paramLabel = "STAGE", description = "What to measure: standardize, match or incremental.")
  String stage;

  @Option(names = "--customers", defaultValue = "500000",
      description = "True customers to generate (about 2 customer records each). Default: ${DEFAULT-VALUE}.")
  long customers;

  @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--work", defaultValue = "generated/bench", paramLabel = "DIR",
      description = "Work directory for the data and the lakehouse. Default: ${DEFAULT-VALUE}.")
  Path work;

  @Option(names = "--nights", defaultValue = "1", paramLabel = "N",
      description = "incremental: run the incremental night N times, each on a copy of the same state after the full "
          + "night and the changes, in the same JVM. The ratio is the first night's; the others show how much a "
          + "night varies in a warm JVM, so that a change to the code can be told from noise. "
          + "Default: ${DEFAULT-VALUE}.")
  int nights;

  @Option(names = "--floor",
      description = "standardize: also time the stage without its transforms (every field as read, every match key "
          + "its expression alone), between the plain copy and the stage: the part of the stage's cost that no "
          + "transform can save.")
  boolean floor;

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
    if (!List.of("standardize", "match", "incremental").contains(stage)) {
      throw new ParameterException(spec.commandLine(), "Unknown stage to benchmark \"" + stage
          + "\"; stages: standardize, match, incremental");
    }
    if (floor && !stage.equals("standardize")) {
      throw new ParameterException(spec.commandLine(), "--floor is for the standardize benchmark only");
    }
    if (nights < 1) {
      throw new ParameterException(spec.commandLine(), "--nights must be at least 1, got " + nights);
    }
    Path landing = Path.of(config.landing());
    if (!Files.exists(landing.resolve("truth.csv"))) {
      out().printf("benchmark generating %,d customers into %s%n", customers, landing);
      out().flush();
      new UniverseGenerator(spark, new UniverseGenerator.Settings(customers, seed, landing.toString(),
          LocalDate.of(2023, 1, 1), LocalDate.of(2026, 11, 20), 0.0)).generate();
    }
    Pipeline pipeline = new Pipeline(spark, config, environment(), progress());
    if (!stage.equals("standardize")) {
      Lakehouse lake = new Lakehouse(spark, config.lakehouse());
      if (!lake.exists(StandardizeStage.CUSTOMERS)) {
        pipeline.run(List.of(Stage.INGEST, Stage.STANDARDIZE), true);
      }
      return stage.equals("match") ? match(spark, config, lake, landing.resolve("truth.csv"))
          : incremental(spark, config, lake);
    }
    pipeline.run(List.of(Stage.INGEST), true);
    List<StandardizeBenchmark.Result> results = new StandardizeBenchmark(spark, config).run(floor);
    out().printf("benchmark standardize  cores %d  (plain = read the bronze rows, write them unchanged to Delta%s)%n",
        results.get(0).cores(), floor ? "; floor = the stage without its transforms" : "");
    out().printf("  %-10s %12s %12s %9s %s%9s %7s %14s%n", "", "bronze rows", "silver rows", "plain s",
        floor ? String.format("%9s %7s ", "floor s", "ratio") : "", "stage s", "ratio", "rows/s/core");
    for (StandardizeBenchmark.Result r : results) {
      out().printf("  %-10s %,12d %,12d %9.1f %s%9.1f %7.2f %,14.0f%n", r.name(), r.rows(), r.written(),
          r.baselineSeconds(), floor ? String.format("%9.1f %7.2f ", r.floorSeconds(), r.floorRatio()) : "",
          r.standardizeSeconds(), r.ratio(), r.rowsPerSecondPerCore());
    }
    out().println("  target: stage ratio <= 1.50");
    return ExitCode.OK;
  }

  private int match(SparkSession spark, AurumConfig config, Lakehouse lake, Path truth) {
    MatchRules rules = MatchRules.load(Path.of(config.rulesDir()));
    MatchPreflight.check(spark, rules, lake.read(StandardizeStage.CUSTOMERS).schema());
    PeakMemory.resetHeapPeaks();
    MatchResult r = new MatchStage(spark, lake, rules, progress()).run(true);
    PeakMemory peak = PeakMemory.now();
    ClusterEvaluation.Result e = ClusterEvaluation.evaluate(lake.read(MatchStage.CLUSTERS), TruthFile.read(spark, truth));
    // Repeated runs would otherwise keep the files of every earlier version of the match tables.
    lake.tableNames(MatchStage.CLUSTERS.layer()).forEach(lake::keepOnlyCurrentFiles);
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

  /**
   * Two nights in a lakehouse of their own holding a copy of the benchmark's silver tables: a full night (match
   * and golden), then {@link SilverChanges} (1% of the records) and an incremental night; with {@code --nights}
   * above 1, the incremental night again on copies of the state it started from.
   */
  private int incremental(SparkSession spark, AurumConfig config, Lakehouse source) {
    Path dir = Path.of(config.lakehouse()).resolveSibling("incremental-lakehouse");
    Path before = Path.of(config.lakehouse()).resolveSibling("incremental-lakehouse-before");
    deleteTree(spark, dir);
    deleteTree(spark, before);
    Lakehouse lake = new Lakehouse(spark, dir.toString());
    // Hashed again: the benchmark's silver tables may be older than this build's value hash.
    lake.overwrite(StandardizeStage.withValueHash(source.read(StandardizeStage.CUSTOMERS)), StandardizeStage.CUSTOMERS);
    lake.overwrite(source.read(StandardizeStage.ORDERS), StandardizeStage.ORDERS);
    MatchRules matchRules = MatchRules.load(Path.of(config.rulesDir()));
    SurvivorshipRules survivorship = SurvivorshipRules.load(Path.of(config.rulesDir()));
    MatchPreflight.check(spark, matchRules, lake.read(StandardizeStage.CUSTOMERS).schema());
    GoldenPreflight.check(survivorship, lake.read(StandardizeStage.CUSTOMERS).schema());
    Progress progress = progress();
    MatchResult fullMatch = new MatchStage(spark, lake, matchRules, progress).run(true);
    GoldenResult fullGolden = new GoldenStage(spark, lake, survivorship, progress).run(night("full", 20), true);
    lake.overwrite(SilverChanges.apply(lake.read(StandardizeStage.CUSTOMERS)).localCheckpoint(),
        StandardizeStage.CUSTOMERS);
    if (nights > 1) {
      copyTree(spark, dir, before);
    }
    List<Night> runs = new ArrayList<>();
    for (int i = 1; i <= nights; i++) {
      if (i > 1) {
        deleteTree(spark, dir);
        copyTree(spark, before, dir);
        // Delta's cached table states are of the night that ran: forgotten, the copied tables are read afresh.
        DeltaLog.clearCache();
      }
      runs.add(new Night(new MatchStage(spark, lake, matchRules, progress).run(false),
          new GoldenStage(spark, lake, survivorship, progress).run(night("incremental", 21), false)));
    }
    deleteTree(spark, before);
    double full = fullMatch.seconds() + fullGolden.seconds();
    out().printf("benchmark incremental  cores %d  records %,d, then %,d  (1%% changed: new emails, moves, deleted "
        + "and re-sent records)%n", spark.sparkContext().defaultParallelism(), fullMatch.records(),
        runs.get(0).match().records());
    out().printf("  full night         match %7.1f s  golden %7.1f s  total %7.1f s  records scored %,d%n",
        fullMatch.seconds(), fullGolden.seconds(), full, fullMatch.recordsScored());
    for (int i = 0; i < runs.size(); i++) {
      Night n = runs.get(i);
      out().printf("  incremental night%s  match %7.1f s  golden %7.1f s  total %7.1f s  records scored %,d  golden "
          + "records built %,d  customers changed %,d  id events %s%n", nights == 1 ? "" : " " + (i + 1),
          n.match().seconds(), n.golden().seconds(), n.seconds(), n.match().recordsScored(), n.golden().built(),
          n.golden().changed(), n.golden().idEvents());
    }
    out().printf("  incremental / full %.2f  (target <= 0.25)%s%n", runs.get(0).seconds() / full,
        nights == 1 ? "" : "  (the first incremental night)");
    return ExitCode.OK;
  }

  /** One incremental night's results. */
  private record Night(MatchResult match, GoldenResult golden) {
    double seconds() {
      return match.seconds() + golden.seconds();
    }
  }

  private Progress progress() {
    return line -> {
      out().println(line);
      out().flush();
    };
  }

  private static RunContext night(String name, int day) {
    return new RunContext(name, LocalDate.of(2026, 11, day), new Timestamp(System.currentTimeMillis()));
  }

  /** Copies a directory and everything under it (a lakehouse: its tables and state files). */
  private static void copyTree(SparkSession spark, Path from, Path to) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(from.toUri());
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(to.toUri());
    try {
      FileUtil.copy(source.getFileSystem(conf), source, target.getFileSystem(conf), target, false, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  private static void deleteTree(SparkSession spark, Path dir) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.toUri());
    try {
      path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
