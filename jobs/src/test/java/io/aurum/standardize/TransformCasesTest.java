package io.aurum.standardize;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aurum.config.ConfigProblems;
import io.aurum.config.ConfigReader;
import io.aurum.testing.SparkTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every case of {@code standardize/transforms.csv}: the case's transforms, parsed exactly as the rule
 * file's, applied to its input by the stage's own {@link StepwiseProjection}. All cases are evaluated over one
 * row, one case after the other.
 */
@ExtendWith(SparkTest.class)
class TransformCasesTest {
  static final Path RULES = Path.of("..", "rules").toAbsolutePath().normalize();
  private static final String NULL = "<null>";
  /** Cases evaluated in one job: analysing hundreds of stacked projections over a growing row takes long. */
  private static final int CASES_PER_JOB = 16;

  /** One line of the case table. */
  record Case(int line, String description, String field, String steps, String input, String record,
              String expected, String issues) {}

  static List<Case> cases() throws IOException {
    try (InputStream in = TransformCasesTest.class.getResourceAsStream("/standardize/transforms.csv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<Case> out = new ArrayList<>();
      boolean header = true;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].startsWith("#") || lines[i].isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] c = lines[i].split("\\|", -1);
        assertEquals(7, c.length, "transforms.csv line " + (i + 1) + " needs 7 columns: " + lines[i]);
        out.add(new Case(i + 1, c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
      }
      return out;
    }
  }

  @Test
  void unparseableDateIsAnIssueAlsoUnderAnsiMode() {
    StandardizeRules rules = StandardizeRules.parse(new ConfigReader(ConfigFactory.parseString(
        "customers { birth_date = [{ transform = parse-date, formats = [yyyy-MM-dd, dd/MM/yyyy] }] }").root(), "",
        new ConfigProblems()), new Lookups(RULES.resolve("lookups")), List.of());
    Step step = rules.customers().defaults().get("birth_date").get(0).apply(lit("31/02/1990"), "birth_date", Map.of());
    String ansi = SparkTest.spark().conf().get("spark.sql.ansi.enabled");
    SparkTest.spark().conf().set("spark.sql.ansi.enabled", "true");
    try {
      Row row = SparkTest.spark().range(1).select(step.value(), step.issues().get(0).when()).first();
      assertTrue(row.isNullAt(0), "value");
      assertTrue(row.getBoolean(1), "birth_date.unparseable");
    } finally {
      SparkTest.spark().conf().set("spark.sql.ansi.enabled", ansi);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCase() throws IOException {
    List<Case> cases = cases();
    assertTrue(cases.size() >= 150, "the table holds " + cases.size() + " cases");
    List<String> placeholders = StandardizeRules.load(RULES, List.of()).placeholders();
    Lookups lookups = new Lookups(RULES.resolve("lookups"));
    List<String> values = new ArrayList<>();
    for (int from = 0; from < cases.size(); from += CASES_PER_JOB) {
      values.addAll(evaluate(cases.subList(from, Math.min(cases.size(), from + CASES_PER_JOB)), lookups, placeholders));
    }
    return IntStream.range(0, cases.size()).mapToObj(i -> {
      Case c = cases.get(i);
      return DynamicTest.dynamicTest("line " + c.line() + ": " + c.description(), () -> {
        assertEquals(c.expected(), values.get(2 * i), "value");
        assertEquals(c.issues(), values.get(2 * i + 1), "issues");
      });
    });
  }

  /** Each case's value (or {@code <null>}) and issues (space-separated), in case order, from one job. */
  private static List<String> evaluate(List<Case> cases, Lookups lookups, List<String> placeholders) {
    Dataset<Row> rows = SparkTest.spark().range(1).toDF();
    List<Column> columns = new ArrayList<>();
    List<String> record = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      ConfigProblems problems = new ConfigProblems();
      String text = "customers { " + c.field() + " = [" + c.steps() + "] }";
      StandardizeRules rules = StandardizeRules.parse(new ConfigReader(ConfigFactory.parseString(text).root(), "",
          problems), lookups, placeholders);
      assertTrue(problems.isEmpty(), "line " + c.line() + ": " + problems.list());
      rows = rows.drop(record.toArray(String[]::new));
      record.clear();
      for (String pair : c.record().isEmpty() ? new String[0] : c.record().split(";")) {
        String[] kv = pair.split("=", 2);
        assertEquals(2, kv.length, "line " + c.line() + ": record values are field=value;field=value");
        rows = rows.withColumn(kv[0].strip(), lit(kv[1]));
        record.add(kv[0].strip());
      }
      String value = "_value_" + i;
      String issues = "_issues_" + i;
      rows = new StepwiseProjection(rows.withColumn(value, NULL.equals(c.input()) ? lit(null).cast("string")
          : lit(c.input()))).apply(value, c.field(), rules.customers().defaults().get(c.field())).withIssues(issues);
      columns.add(coalesce(col(value).cast("string"), lit(NULL)));
      columns.add(array_join(col(issues), " "));
    }
    Row row = rows.select(columns.toArray(Column[]::new)).first();
    return IntStream.range(0, row.size()).mapToObj(row::getString).toList();
  }
}
