package io.aurum.match;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aurum.config.ConfigProblems;
import io.aurum.config.ConfigReader;
import io.aurum.match.compare.Comparison;
import io.aurum.match.compare.ComparisonParser;
import io.aurum.match.compare.ComparisonVectors;
import io.aurum.match.compare.JaroWinkler;
import io.aurum.testing.CaseFile;
import io.aurum.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs every case of {@code match/comparisons.csv}: the level a comparison puts a pair of records at. */
@ExtendWith(SparkTest.class)
class ComparisonCasesTest {
  private static final Path RULES = Path.of("..", "rules").toAbsolutePath().normalize();

  @TestFactory
  Stream<DynamicTest> everyCase() {
    JaroWinkler.register(SparkTest.spark());
    Map<String, Comparison> shipped = new HashMap<>();
    MatchRules.load(RULES).comparisons().forEach(c -> shipped.put(c.name(), c));
    List<DynamicTest> tests = CaseFile.tests("/match/comparisons.csv", 5, c -> {
      Comparison comparison = c[1].startsWith("shipped:") ? shipped.get(c[1].substring(8)) : parse(c[1]);
      assertNotNull(comparison, c[1]);
      Map<String, Column> columns = new HashMap<>();
      for (String column : comparison.columns()) {
        columns.put(column + "_l", lit(null).cast(column.endsWith("date") ? "date" : "string"));
        columns.put(column + "_r", lit(null).cast(column.endsWith("date") ? "date" : "string"));
      }
      put(columns, c[2], "_l");
      put(columns, c[3], "_r");
      List<Column> select = new ArrayList<>();
      columns.forEach((name, value) -> select.add(value.as(name)));
      int level = SparkTest.spark().range(1).select(select.toArray(Column[]::new))
          .select(ComparisonVectors.gamma(comparison)).first().getInt(0);
      assertEquals(Integer.parseInt(c[4].strip()), level);
    });
    assertTrue(tests.size() >= 30, tests.size() + " cases");
    return tests.stream();
  }

  private static Comparison parse(String text) {
    ConfigProblems problems = new ConfigProblems();
    Comparison c = ComparisonParser.parse(new ConfigReader(ConfigFactory.parseString(text).root(), "", problems));
    assertTrue(problems.isEmpty(), problems.list().toString());
    return c;
  }

  private static void put(Map<String, Column> columns, String record, String side) {
    for (String pair : record.isBlank() ? new String[0] : record.split(";")) {
      String[] kv = pair.split("=", 2);
      columns.put(kv[0] + side, lit(kv[1]).cast(kv[0].endsWith("date") ? "date" : "string"));
    }
  }
}
