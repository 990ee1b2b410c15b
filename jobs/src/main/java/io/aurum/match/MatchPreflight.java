package io.aurum.match;

import static org.apache.spark.sql.functions.expr;

import io.aurum.config.ConfigProblems;
import io.aurum.match.block.BlockingRule;
import io.aurum.match.compare.Comparison;
import io.aurum.match.compare.JaroWinkler;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks {@link MatchRules} against the schema of {@code silver.customers} before any data is read: every
 * blocking key and compared column exists, and every level condition is valid SQL over the pair columns.
 */
public final class MatchPreflight {
  private MatchPreflight() {}

  public static void check(SparkSession spark, MatchRules rules, StructType silver) {
    JaroWinkler.register(spark);
    ConfigProblems problems = new ConfigProblems();
    List<String> columns = List.of(silver.fieldNames());
    String where = rules.file().toString();
    for (BlockingRule b : rules.blocking()) {
      b.keys().stream().filter(k -> !columns.contains(k)).forEach(k -> problems.add(where,
          "blocking.rules." + b.name(), "\"" + k + "\" is not a column of silver.customers; columns: " + columns));
    }
    if (rules.minHash() != null) {
      rules.minHash().columns().stream().filter(k -> !columns.contains(k)).forEach(k -> problems.add(where,
          "blocking.minhash.columns", "\"" + k + "\" is not a column of silver.customers; columns: " + columns));
    }
    StructType pairSchema = new StructType();
    for (StructField f : silver.fields()) {
      pairSchema = pairSchema.add(f.name() + "_l", f.dataType()).add(f.name() + "_r", f.dataType());
    }
    Dataset<Row> emptyPairs = spark.createDataFrame(List.of(), pairSchema);
    for (Comparison c : rules.comparisons()) {
      c.columns().stream().filter(k -> !columns.contains(k)).forEach(k -> problems.add(where,
          "comparisons." + c.name(), "\"" + k + "\" is not a column of silver.customers; columns: " + columns));
      for (Comparison.Level level : c.levels()) {
        try {
          emptyPairs.select(expr(level.sql()).cast("boolean")).schema();
        } catch (Exception e) { // Spark's AnalysisException is checked but undeclared, so it cannot be named here
          problems.add(where, "comparisons." + c.name() + " level \"" + level.label() + "\"",
              "\"" + level.sql() + "\" is not a valid condition over <column>_l / <column>_r: "
                  + ConfigProblems.summary(e));
        }
      }
    }
    problems.throwIfAny();
  }
}
