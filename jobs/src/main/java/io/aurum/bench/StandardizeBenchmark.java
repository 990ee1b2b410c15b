package io.aurum.bench;

import io.aurum.config.AurumConfig;
import io.aurum.config.CanonicalEntity;
import io.aurum.config.EntityRule;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.TableName;
import io.aurum.lake.Tables;
import io.aurum.pipeline.Progress;
import io.aurum.standardize.StandardizePreflight;
import io.aurum.standardize.StandardizeResult;
import io.aurum.standardize.StandardizeRules;
import io.aurum.standardize.StandardizeStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Measures the standardize stage against the floor any stage over the same rows pays: reading every bronze
 * customer and order table and writing it unchanged to Delta ({@code bench.<table>}). Both run in the same session on
 * the same bronze tables, baseline first. Afterwards the plain copies and silver keep only their current files, so
 * that repeated runs do not fill the disk with the versions they replaced.
 */
public final class StandardizeBenchmark {
  /** The layer of the plain copies. */
  private static final String PLAIN_COPIES = "bench";

  /**
   * One entity's figures, or the whole stage's.
   *
   * @param name              {@code customers}, {@code orders} or {@code stage}
   * @param rows              bronze rows read
   * @param written           silver rows written (fewer: one per current source record)
   * @param baselineSeconds   plain read and Delta write of those bronze rows
   * @param floorSeconds      the stage without its transforms, NaN when not measured
   * @param standardizeSeconds standardizing them, from reading bronze to committing silver
   * @param cores             Spark's default parallelism
   */
  public record Result(String name, long rows, long written, double baselineSeconds, double floorSeconds,
                       double standardizeSeconds, int cores) {
    public double ratio() {
      return standardizeSeconds / baselineSeconds;
    }

    public double floorRatio() {
      return floorSeconds / baselineSeconds;
    }

    public double rowsPerSecondPerCore() {
      return rows / standardizeSeconds / cores;
    }
  }

  private final SparkSession spark;
  private final AurumConfig config;
  private final Lakehouse lake;

  public StandardizeBenchmark(SparkSession spark, AurumConfig config) {
    this.spark = spark;
    this.config = config;
    this.lake = new Lakehouse(spark, config.lakehouse());
  }

  /**
   * Per entity, then the whole stage (whose time also counts the reading of rules and metrics).
   *
   * @param floor whether to time the stage without its transforms too (silver is written by the real stage last)
   */
  public List<Result> run(boolean floor) {
    StandardizeRules rules = StandardizeRules.load(Path.of(config.rulesDir()), config.sources());
    StandardizePreflight.check(spark, rules, config.sources());
    Map<CanonicalEntity, long[]> rows = new EnumMap<>(CanonicalEntity.class);
    Map<CanonicalEntity, Double> baseline = new EnumMap<>(CanonicalEntity.class);
    for (EntityRule rule : config.entities()) {
      TableName bronze = Tables.bronze(rule.tableName());
      if (lake.exists(bronze)) {
        long start = System.nanoTime();
        rows.computeIfAbsent(rule.entity(), e -> new long[1])[0] +=
            lake.overwrite(lake.read(bronze), new TableName(PLAIN_COPIES, rule.tableName()));
        baseline.merge(rule.entity(), (System.nanoTime() - start) / 1e9, Double::sum);
      }
    }
    StandardizeResult floorResult = floor
        ? new StandardizeStage(spark, lake, config, rules.withoutTransforms(), Progress.NONE).run() : null;
    StandardizeResult result = new StandardizeStage(spark, lake, config, rules, Progress.NONE).run();
    lake.tableNames(PLAIN_COPIES).forEach(lake::keepOnlyCurrentFiles);
    result.tables().forEach(t -> lake.keepOnlyCurrentFiles(t.table()));
    int cores = spark.sparkContext().defaultParallelism();
    List<Result> out = new ArrayList<>();
    for (StandardizeResult.Table t : result.tables()) {
      long read = rows.get(t.entity())[0];
      if (t.rowsWritten() > read || t.rowsWritten() == 0) {
        throw new IllegalStateException("standardize wrote " + t.rowsWritten() + " rows for " + read + " bronze rows");
      }
      double floorSeconds = floorResult == null ? Double.NaN : floorResult.table(t.entity()).seconds();
      out.add(new Result(t.entity().key(), read, t.rowsWritten(), baseline.get(t.entity()), floorSeconds, t.seconds(),
          cores));
    }
    out.add(new Result("stage", out.stream().mapToLong(Result::rows).sum(), result.rowsWritten(),
        out.stream().mapToDouble(Result::baselineSeconds).sum(), floorResult == null ? Double.NaN
        : floorResult.seconds(), result.seconds(), cores));
    return out;
  }
}
