package io.aurum.ingest;

import static org.apache.spark.sql.functions.expr;

import io.aurum.config.AurumConfig;
import io.aurum.config.ConfigProblems;
import io.aurum.config.EntityRule;
import io.aurum.config.ReaderFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;

/**
 * Checks what only a running Spark can check, before any data is read: every mapping and attribute
 * expression must parse and resolve against the declared schema (no unknown column or function) and yield a
 * value castable to its canonical type; source columns must not collide with lineage names; a JDBC source's
 * password variable must be set. Throws {@link io.aurum.config.InvalidConfigurationException} with all
 * problems.
 */
public final class IngestPreflight {
  private IngestPreflight() {}

  public static void check(SparkSession spark, AurumConfig config, Map<String, String> environment) {
    ConfigProblems problems = new ConfigProblems();
    for (EntityRule rule : config.entities()) {
      checkColumns(rule, problems);
      Dataset<Row> empty = spark.createDataFrame(List.of(), rule.schema());
      rule.mapping().forEach((field, e) ->
          analyze(empty, e, rule.entity().fieldTypes().get(field), rule, "mapping." + field, problems));
      rule.attributes().forEach((name, e) -> analyze(empty, e, "string", rule, "attributes." + name, problems));
      if (rule.format() == ReaderFormat.JDBC && rule.jdbc().passwordEnv() != null
          && environment.get(rule.jdbc().passwordEnv()) == null) {
        problems.add(rule.ruleFile(), rule.entity().key() + ".jdbc.password-env",
            "environment variable " + rule.jdbc().passwordEnv() + " is not set");
      }
    }
    problems.throwIfAny();
  }

  private static void checkColumns(EntityRule rule, ConfigProblems problems) {
    for (String name : rule.schema().fieldNames()) {
      if (IngestOutputs.RESERVED.contains(name)) {
        problems.add(rule.ruleFile(), rule.entity().key() + ".schema",
            "column name " + name + " is reserved for lineage; rename it in the schema and select it by position");
      }
    }
  }

  private static void analyze(Dataset<Row> empty, String expression, String type, EntityRule rule, String key,
                              ConfigProblems problems) {
    try {
      DataType target = DataType.fromDDL(type);
      empty.select(expr(expression).cast(target)).schema();
    } catch (Exception e) { // Spark's AnalysisException is checked but undeclared, so it cannot be named here
      problems.add(rule.location(key), rule.entity().key() + "." + key,
          "\"" + expression + "\" is not a valid expression over the declared columns: " + ConfigProblems.summary(e));
    }
  }
}
