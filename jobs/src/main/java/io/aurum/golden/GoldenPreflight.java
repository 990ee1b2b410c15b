package io.aurum.golden;

import io.aurum.config.ConfigProblems;
import io.aurum.standardize.StandardizeStage;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/** Checks {@link SurvivorshipRules} against the schema of {@code silver.customers} before any data is read. */
public final class GoldenPreflight {
  private static final List<String> NEEDED = List.of("source", "source_id", "updated_at", "_ingested_at", "dq_issues",
      "attributes", StandardizeStage.VALUE_HASH);

  private GoldenPreflight() {}

  public static void check(SurvivorshipRules rules, StructType silver) {
    ConfigProblems problems = new ConfigProblems();
    List<String> columns = List.of(silver.fieldNames());
    for (SurvivorshipRules.Attribute a : rules.attributes()) {
      a.fields().stream().filter(f -> !columns.contains(f)).forEach(f -> problems.add(rules.file().toString(),
          "attributes." + a.name(), "\"" + f + "\" is not a column of silver.customers; columns: " + columns));
    }
    NEEDED.stream().filter(c -> !columns.contains(c)).forEach(c -> problems.add(rules.file().toString(),
        "(silver.customers)", "the golden stage needs the column \"" + c
        + "\" (written by the standardize stage: run it again if an earlier version of Aurum wrote silver)"));
    for (AttributeOverrides.Override o : rules.overrides().overrides()) {
      if (columns.contains(o.field()) && !fits(o.value(), silver.apply(o.field()).dataType())) {
        problems.add(o.location(), AttributeOverrides.FILE, "\"" + o.value() + "\" is not a "
            + silver.apply(o.field()).dataType().simpleString() + " (" + o.field() + ")");
      }
    }
    problems.throwIfAny();
  }

  /** Whether Spark's cast of {@code value} to {@code type} gives a value (dates as yyyy-MM-dd). */
  static boolean fits(String value, DataType type) {
    try {
      if (type instanceof DateType) {
        LocalDate.parse(value);
      } else if (type instanceof IntegerType || type instanceof LongType) {
        Long.parseLong(value);
      } else if (type instanceof DoubleType) {
        Double.parseDouble(value);
      } else {
        return type instanceof StringType;
      }
      return true;
    } catch (DateTimeParseException | NumberFormatException e) {
      return false;
    }
  }
}
