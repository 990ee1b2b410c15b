package io.aurum.pipeline;

import io.aurum.config.AurumConfig;
import io.aurum.ingest.IngestPreflight;
import io.aurum.ingest.IngestResult;
import io.aurum.ingest.IngestStage;
import io.aurum.lake.Lakehouse;
import io.aurum.golden.GoldenPreflight;
import io.aurum.golden.GoldenResult;
import io.aurum.golden.GoldenStage;
import io.aurum.golden.SurvivorshipRules;
import io.aurum.match.MatchPreflight;
import io.aurum.match.MatchResult;
import io.aurum.match.MatchRules;
import io.aurum.match.MatchStage;
import io.aurum.standardize.StandardizePreflight;
import io.aurum.standardize.StandardizeResult;
import io.aurum.standardize.StandardizeRules;
import io.aurum.standardize.StandardizeStage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Runs the selected stages in order for one run date. Checks every rule file (source mappings against the
 * declared schemas, standardization and matching rules) before touching data, records the run in {@code ops.runs} (also
 * when a stage throws), writes stage metrics, and stops before later stages when a stage's data checks fail.
 */
public final class Pipeline {
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final AurumConfig config;
  private final Lakehouse lake;
  private final Map<String, String> environment;
  private final Progress progress;

  public Pipeline(SparkSession spark, AurumConfig config, Map<String, String> environment, Progress progress) {
    this.spark = spark;
    this.config = config;
    this.lake = new Lakehouse(spark, config.lakehouse());
    this.environment = environment;
    this.progress = progress;
  }

  /** Outcome of a pipeline run. */
  public record Result(RunContext run, RunStatus status, List<String> failedChecks, IngestResult ingest,
                       StandardizeResult standardize, MatchResult match, GoldenResult golden) {}

  /**
   * @param full match all records (and retrain) even when the night could be incremental
   */
  public Result run(List<Stage> stages, boolean full) {
    IngestPreflight.check(spark, config, environment);
    StandardizeRules standardizeRules = null;
    MatchRules matchRules = null;
    SurvivorshipRules survivorship = null;
    if (stages.contains(Stage.STANDARDIZE) || stages.contains(Stage.MATCH) || stages.contains(Stage.GOLDEN)) {
      standardizeRules = StandardizeRules.load(Path.of(config.rulesDir()), config.sources());
      StructType silver = StandardizePreflight.check(spark, standardizeRules, config.sources());
      if (stages.contains(Stage.MATCH)) {
        matchRules = MatchRules.load(Path.of(config.rulesDir()));
        if (silver != null) {
          MatchPreflight.check(spark, matchRules, silver);
        }
      }
      if (stages.contains(Stage.GOLDEN)) {
        survivorship = SurvivorshipRules.load(Path.of(config.rulesDir()));
        if (silver != null) {
          GoldenPreflight.check(survivorship, silver);
        }
      }
    }
    RunContext run = newRun();
    String stageList = stages.stream().map(Stage::key).collect(Collectors.joining(","));
    RunLog log = new RunLog(spark, lake);
    log.started(run, "run", stageList, config.fingerprint());
    progress.line(String.format("run %s  date %s  stages %s  lakehouse %s", run.runId(), run.runDate(), stageList,
        lake.root()));
    List<String> failed = new ArrayList<>();
    IngestResult ingest = null;
    StandardizeResult standardize = null;
    MatchResult match = null;
    GoldenResult golden = null;
    try {
      if (stages.contains(Stage.INGEST)) {
        ingest = new IngestStage(spark, lake, config, environment, progress).run(run);
        log.ingestMetrics(run, ingest);
        failed.addAll(ingest.failedChecks());
      }
      if (stages.contains(Stage.STANDARDIZE) && failed.isEmpty()) {
        standardize = new StandardizeStage(spark, lake, config, standardizeRules, progress).run();
        log.standardizeMetrics(run, standardize);
      }
      if (stages.contains(Stage.MATCH) && failed.isEmpty()) {
        match = new MatchStage(spark, lake, matchRules, progress).run(full);
        log.matchMetrics(run, match);
      }
      if (stages.contains(Stage.GOLDEN) && failed.isEmpty()) {
        golden = new GoldenStage(spark, lake, survivorship, progress).run(run, full);
        log.goldenMetrics(run, golden);
      }
    } catch (RuntimeException e) {
      log.ended(run, RunStatus.FAILED, String.valueOf(e.getMessage()));
      throw e;
    }
    RunStatus status = failed.isEmpty() ? RunStatus.SUCCEEDED : RunStatus.FAILED_CHECKS;
    log.ended(run, status, failed.isEmpty() ? null : String.join("; ", failed));
    return new Result(run, status, List.copyOf(failed), ingest, standardize, match, golden);
  }

  private RunContext newRun() {
    Instant now = Instant.now();
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    String id = RUN_ID_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
    return new RunContext(id, config.runDate(), Timestamp.from(now));
  }
}
