package io.aurum.golden;

import io.aurum.config.ConfigProblems;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/** Checks {@link SurvivorshipRules} against the schema of {@code silver.customers} before any data is read. */
public final class GoldenPreflight {
  private static final List<String> NEEDED = List.of("source", "source_id", "updated_at", "_ingested_at", "dq_issues");

  private GoldenPreflight() {}

  public static void check(SurvivorshipRules rules, StructType silver) {
    ConfigProblems problems = new ConfigProblems();
    List<String> columns = List.of(silver.fieldNames());
    for (SurvivorshipRules.Attribute a : rules.attributes()) {
      a.fields().stream().filter(f -> !columns.contains(f)).forEach(f -> problems.add(rules.file().toString(),
          "attributes." + a.name(), "\"" + f + "\" is not a column of silver.customers; columns: " + columns));
    }
    NEEDED.stream().filter(c -> !columns.contains(c)).forEach(c -> problems.add(rules.file().toString(),
        "(silver.customers)", "survivorship needs the column \"" + c + "\""));
    problems.throwIfAny();
  }
}
