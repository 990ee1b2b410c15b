package io.aurum.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.TestFiles;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each typo a data engineer can make in a source rule file is reported with the file, line and key. */
class SourceRuleParserTest {
  private static final String VALID = """
      name = shop
      extract = snapshot
      customers {
        format = csv
        path = "shop/*.csv"
        options { header = true, delimiter = ";", encoding = "GBK" }
        schema = "id STRING, first STRING, last STRING"
        mapping {
          source_id = "id"
          given_name = "first"
          full_name = "concat_ws(' ', first, last)"
        }
        attributes { tier = "upper(last)" }
      }
      """;

  @TempDir
  Path dir;

  private Optional<SourceRule> parse(String text, ConfigProblems problems) {
    Path file = TestFiles.write(dir.resolve("shop.conf"), text);
    return SourceRuleParser.parse(file.toFile(), problems);
  }

  @Test
  void validFileParsesIntoTypedRule() {
    ConfigProblems problems = new ConfigProblems();
    SourceRule rule = parse(VALID, problems).orElseThrow();
    assertTrue(problems.isEmpty(), problems.list().toString());
    EntityRule e = rule.entities().get(0);
    assertEquals(SourceRule.ExtractKind.SNAPSHOT, rule.extract());
    assertEquals(CanonicalEntity.CUSTOMERS, e.entity());
    assertEquals(ReaderFormat.CSV, e.format());
    assertEquals(";", e.text().delimiter());
    assertEquals("GBK", e.text().encoding());
    assertEquals("\"", e.text().escape(), "RFC 4180 escaping by default");
    assertEquals(3, e.schema().fields().length);
    assertEquals("upper(last)", e.attributes().get("tier"));
    assertTrue(e.location("mapping.full_name").endsWith("shop.conf:11"), e.location("mapping.full_name"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      misspelt entity key     | mapping {                      | mappings {                   | customers.mappings      | unknown key; allowed keys here: attributes, format, mapping, options, path, schema
      misspelt option         | delimiter = ";"                | delimeter = ";"              | customers.options.delimeter | unknown key
      unknown format          | format = csv                   | format = xlsx                | customers.format        | "xlsx" is not allowed; allowed values: csv, json, parquet, jdbc
      unknown canonical field | given_name = "first"           | first_name = "first"         | customers.mapping       | unknown canonical field "first_name" for customers
      missing source id       | source_id = "id"               | source_ref = "id"            | customers.mapping       | must map source_id
      bad schema              | id STRING, first STRING        | id STRNG, first STRING       | customers.schema        | not a valid schema
      unknown encoding        | encoding = "GBK"               | encoding = "GBX"             | customers.options.encoding | unknown encoding "GBX"
      not line-safe encoding  | encoding = "GBK"               | encoding = "UTF-16"          | customers.options.encoding | not ASCII-compatible
      multi-char delimiter    | delimiter = ";"                | delimiter = ";;"             | customers.options.delimiter | expected a single character
      bad extract kind        | extract = snapshot             | extract = nightly            | extract                 | allowed values: snapshot, delta
      bad source name         | name = shop                    | name = "Shop Data"           | name                    | must match
      unknown entity          | customers {                    | clients {                    | clients                 | unknown key
      """)
  void typoIsReportedWithFileLineAndKey(String description, String from, String to, String key, String message) {
    ConfigProblems problems = new ConfigProblems();
    parse(VALID.replace(from, to), problems);
    assertTrue(problems.list().stream().anyMatch(p -> p.key().equals(key) && p.message().contains(message)
            && p.location().contains("shop.conf:")),
        description + ": expected " + key + ": " + message + " in " + problems.list());
  }

  @Test
  void passwordsAreRefusedInRuleFiles() {
    ConfigProblems problems = new ConfigProblems();
    parse("""
        name = db
        customers {
          format = jdbc
          jdbc { url = "jdbc:postgresql://db/crm", table = customers, user = aurum, password = secret }
          schema = "id BIGINT"
          mapping { source_id = "id" }
        }
        """, problems);
    assertTrue(problems.list().stream().anyMatch(p -> p.key().equals("customers.jdbc.password")
        && p.message().contains("password-env")), problems.list().toString());
  }

  @Test
  void jdbcNeedsTableOrQueryAndBoundsForPartitionedReads() {
    ConfigProblems problems = new ConfigProblems();
    parse("""
        name = db
        customers {
          format = jdbc
          jdbc { url = "jdbc:postgresql://db/crm", partition-column = id }
          schema = "id BIGINT"
          mapping { source_id = "id" }
        }
        """, problems);
    String all = problems.list().toString();
    assertTrue(all.contains("give exactly one of table or query"), all);
    assertTrue(all.contains("needs lower-bound and upper-bound"), all);
  }

  @Test
  void optionsOfAnotherFormatAreRejected() {
    ConfigProblems problems = new ConfigProblems();
    parse(VALID.replace("format = csv", "format = json"), problems);
    assertTrue(problems.list().stream().anyMatch(p -> p.key().equals("customers.options.header")),
        problems.list().toString());
  }
}
