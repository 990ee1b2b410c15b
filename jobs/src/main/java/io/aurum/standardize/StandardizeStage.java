package io.aurum.standardize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.aurum.config.AurumConfig;
import io.aurum.config.CanonicalEntity;
import io.aurum.config.EntityRule;
import io.aurum.config.SourceRule;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.TableName;
import io.aurum.lake.Tables;
import io.aurum.pipeline.Progress;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Standardize: the current records of every source's bronze customer table, mapped onto canonical fields,
 * cleaned by {@code rules/standardize.conf} and unioned into {@code silver.customers} (rebuilt each run),
 * one row per current source record, each with its {@code dq_issues}. Issue counts per source go to the
 * stage result (and from there to {@code ops.stage_metrics}).
 */
public final class StandardizeStage {
  public static final String NAME = "standardize";
  public static final TableName CUSTOMERS = new TableName("silver", "customers");

  private final SparkSession spark;
  private final Lakehouse lake;
  private final AurumConfig config;
  private final StandardizeRules rules;
  private final Progress progress;

  public StandardizeStage(SparkSession spark, Lakehouse lake, AurumConfig config, StandardizeRules rules,
                          Progress progress) {
    this.spark = spark;
    this.lake = lake;
    this.config = config;
    this.rules = rules;
    this.progress = progress;
  }

  public StandardizeResult run() {
    long start = System.nanoTime();
    spark.sparkContext().setJobGroup(NAME, "standardize customers", false);
    Dataset<Row> current = null;
    for (SourceRule source : config.sources()) {
      for (EntityRule rule : source.entities()) {
        TableName bronze = Tables.bronze(rule.tableName());
        if (rule.entity() != CanonicalEntity.CUSTOMERS || !lake.exists(bronze)) {
          continue;
        }
        Dataset<Row> records = CurrentRecords.select(CanonicalProjection.project(lake.read(bronze), rule), source.extract());
        current = current == null ? records : current.unionByName(records);
      }
    }
    if (current == null) {
      progress.line(String.format("%-11s no customer tables in bronze", NAME));
      return new StandardizeResult(0, Map.of(), seconds(start));
    }
    Dataset<Row> silver = CustomerStandardizer.apply(current, rules);
    long written = lake.overwrite(silver, CUSTOMERS);
    Map<String, Map<String, Long>> issues = new TreeMap<>();
    for (Row r : lake.read(CUSTOMERS).select(col("source"), explode(col("dq_issues")).as("issue"))
        .groupBy("source", "issue").count().collectAsList()) {
      issues.computeIfAbsent(r.getString(0), s -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    spark.sparkContext().clearJobGroup();
    StandardizeResult result = new StandardizeResult(written, issues, seconds(start));
    progress.line(String.format("%-11s %-28s rows %,d  issues %s  %.1f s", NAME, CUSTOMERS, written,
        issues.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().values().stream().mapToLong(Long::longValue).sum())
            .collect(Collectors.joining(", ")), result.seconds()));
    return result;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
