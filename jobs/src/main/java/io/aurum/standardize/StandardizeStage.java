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
import io.aurum.lake.ValueHash;
import io.aurum.pipeline.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Standardize: for customers and orders, the current records of every source's bronze table, mapped onto
 * canonical fields, unioned and cleaned by {@code rules/standardize.conf} (with the sources' own overrides).
 * Customers get the match keys and go to {@code silver.customers}; orders are converted to the reporting
 * currency, flagged as refunds or cancellations and go to {@code silver.orders}. Both are rebuilt each run:
 * one row per current source record, each with its {@code dq_issues}; a customer record also carries its
 * {@link #VALUE_HASH}. Issue counts per source go to the stage result (and from there to {@code ops.stage_metrics}).
 */
public final class StandardizeStage {
  public static final String NAME = "standardize";
  public static final TableName CUSTOMERS = new TableName("silver", "customers");
  public static final TableName ORDERS = new TableName("silver", "orders");
  /**
   * The column of {@code silver.customers} holding a hash of the record's values (lineage left out): a later stage
   * tells a changed record by it without reading every column.
   */
  public static final String VALUE_HASH = "value_hash";

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
    spark.sparkContext().setJobGroup(NAME, "standardize customers and orders", false);
    List<StandardizeResult.Table> tables = new ArrayList<>();
    try {
      write(CanonicalEntity.CUSTOMERS, CUSTOMERS, tables);
      write(CanonicalEntity.ORDERS, ORDERS, tables);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    return new StandardizeResult(List.copyOf(tables), seconds(start));
  }

  private void write(CanonicalEntity entity, TableName target, List<StandardizeResult.Table> tables) {
    long start = System.nanoTime();
    Dataset<Row> current = standardizedSources(entity);
    if (current == null) {
      progress.line(String.format("%-11s no %s tables in bronze", NAME, entity.key()));
      return;
    }
    Dataset<Row> silver = entity == CanonicalEntity.CUSTOMERS
        ? withValueHash(RecordStandardizer.withMatchKeys(current, rules.matchKeys()))
        : rules.orderAmounts().apply(current);
    long written = lake.overwrite(silver, target);
    Map<String, Map<String, Long>> issues = new TreeMap<>();
    for (Row r : lake.read(target).select(col("source"), explode(col("dq_issues")).as("issue"))
        .groupBy("source", "issue").count().collectAsList()) {
      issues.computeIfAbsent(r.getString(0), s -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    StandardizeResult.Table result = new StandardizeResult.Table(entity, target, written, issues, seconds(start));
    tables.add(result);
    String perSource = issues.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().values().stream().mapToLong(Long::longValue).sum())
        .collect(Collectors.joining(", "));
    progress.line(String.format("%-11s %-28s rows %,d  issues %s  %.1f s", NAME, target, written,
        perSource.isEmpty() ? "none" : perSource, result.seconds()));
  }

  /** {@code customers} with (or with a fresh) {@link #VALUE_HASH} of their values: every column but the lineage. */
  public static Dataset<Row> withValueHash(Dataset<Row> customers) {
    Dataset<Row> values = customers.drop(VALUE_HASH);
    return values.withColumn(VALUE_HASH, ValueHash.of(values, List.of(values.columns()).stream()
        .filter(c -> !CanonicalProjection.LINEAGE.contains(c)).toList()));
  }

  /** The current records of every source's bronze table of {@code entity}, unioned and standardized in one plan. */
  private Dataset<Row> standardizedSources(CanonicalEntity entity) {
    Dataset<Row> canonical = null;
    Set<String> snapshotSources = new TreeSet<>();
    for (SourceRule source : config.sources()) {
      for (EntityRule rule : source.entities()) {
        TableName bronze = Tables.bronze(rule.tableName());
        if (rule.entity() != entity || !lake.exists(bronze)) {
          continue;
        }
        Dataset<Row> records = CanonicalProjection.project(lake.read(bronze), rule);
        canonical = canonical == null ? records : canonical.unionByName(records);
        if (source.extract() == SourceRule.ExtractKind.SNAPSHOT) {
          snapshotSources.add(source.name());
        }
      }
    }
    return canonical == null ? null
        : RecordStandardizer.apply(CurrentRecords.select(canonical, snapshotSources), rules.pipelines(entity));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
