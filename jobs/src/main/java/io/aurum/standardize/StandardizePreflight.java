package io.aurum.standardize;

import io.aurum.config.CanonicalEntity;
import io.aurum.config.ConfigProblems;
import io.aurum.config.EntityRule;
import io.aurum.config.SourceRule;
import io.aurum.ingest.IngestOutputs;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Checks, before any data is read, that the standardization rules resolve against the canonical schema:
 * every source's customer and order pipelines, the order conversion and every match key's expression are
 * analysed on empty tables. Returns the schema {@code silver.customers} will have. Throws
 * {@link io.aurum.config.InvalidConfigurationException} naming the file, line and key of each problem.
 */
public final class StandardizePreflight {
  private StandardizePreflight() {}

  public static StructType check(SparkSession spark, StandardizeRules rules, List<SourceRule> sources) {
    ConfigProblems problems = new ConfigProblems();
    Map<CanonicalEntity, Dataset<Row>> canonical = new EnumMap<>(CanonicalEntity.class);
    for (SourceRule source : sources) {
      for (EntityRule rule : source.entities()) {
        Dataset<Row> empty = CanonicalProjection.project(
            spark.createDataFrame(List.of(), IngestOutputs.bronzeSchema(rule)), rule);
        canonical.merge(rule.entity(), empty, Dataset::unionByName);
      }
    }
    if (canonical.containsKey(CanonicalEntity.ORDERS)) {
      rules.orderAmounts().apply(RecordStandardizer.apply(canonical.get(CanonicalEntity.ORDERS),
          rules.pipelines(CanonicalEntity.ORDERS))).schema();
    }
    if (!canonical.containsKey(CanonicalEntity.CUSTOMERS)) {
      return null;
    }
    Dataset<Row> standardized = RecordStandardizer.apply(canonical.get(CanonicalEntity.CUSTOMERS),
        rules.pipelines(CanonicalEntity.CUSTOMERS));
    for (MatchKey key : rules.matchKeys()) {
      try {
        standardized = RecordStandardizer.withMatchKey(standardized, key);
        standardized.schema();
      } catch (Exception e) { // Spark's AnalysisException is checked but undeclared, so it cannot be named here
        problems.add(key.location(), "match-keys." + key.name(), "\"" + key.from()
            + "\" is not a valid expression over the standardized fields and earlier keys: " + ConfigProblems.summary(e));
      }
    }
    problems.throwIfAny();
    return StandardizeStage.withValueHash(standardized).schema();
  }
}
