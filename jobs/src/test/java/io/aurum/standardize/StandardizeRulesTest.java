package io.aurum.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.ConfigProblems;
import io.aurum.config.InvalidConfigurationException;
import io.aurum.config.SourceRule;
import io.aurum.config.SourceRuleParser;
import io.aurum.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rule files drive the output: a copy of {@code rules/} edited the way a data engineer would
 * (a new placeholder, a new nickname, a source's own date format, a broken match key) changes the result
 * or stops the run, with no code change.
 */
@ExtendWith(SparkTest.class)
class StandardizeRulesTest {
  private static final Path SHIPPED = Path.of("..", "rules").toAbsolutePath().normalize();

  @TempDir
  Path rules;

  private void copyShippedRules() throws IOException {
    try (Stream<Path> files = Files.walk(SHIPPED)) {
      for (Path f : files.toList()) {
        Path to = rules.resolve(SHIPPED.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
  }

  private List<SourceRule> sources() throws IOException {
    ConfigProblems problems = new ConfigProblems();
    List<SourceRule> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(rules.resolve("sources"))) {
      files.filter(f -> f.toString().endsWith(".conf")).sorted().forEach(f -> SourceRuleParser.parse(f.toFile(), problems).ifPresent(out::add));
    }
    problems.throwIfAny();
    return out;
  }

  /** One canonical customer record of {@code source}, standardized with the rules as they are now in the copy. */
  private Row standardize(String source, String given, String email, String birthDate) throws IOException {
    return standardize(List.of(source), given, email, birthDate).get(0);
  }

  /** The same canonical record from each of {@code sources}, standardized in one plan, in the order given. */
  private List<Row> standardize(List<String> sources, String given, String email, String birthDate)
      throws IOException {
    return standardize(StandardizeRules.load(rules, sources()), sources, given, email, birthDate);
  }

  private static List<Row> standardize(StandardizeRules loaded, List<String> sources, String given, String email,
                                       String birthDate) {
    Dataset<Row> canonical = null;
    for (String source : sources) {
      Dataset<Row> one = SparkTest.spark().sql("SELECT '" + source + "' source, '1' source_id, "
          + "CAST(NULL AS STRING) full_name, '" + given + "' given_name, 'Smith' family_name, '" + birthDate
          + "' birth_date, CAST(NULL AS STRING) gender, '" + email + "' email, CAST(NULL AS STRING) phone, "
          + "CAST(NULL AS STRING) street, CAST(NULL AS STRING) city, CAST(NULL AS STRING) region, "
          + "CAST(NULL AS STRING) postcode, 'GB' country, CAST(NULL AS STRING) national_id");
      canonical = canonical == null ? one : canonical.unionByName(one);
    }
    List<Row> out = RecordStandardizer.withMatchKeys(
        RecordStandardizer.apply(canonical, loaded.customers()), loaded.matchKeys()).collectAsList();
    return sources.stream().map(source -> out.stream().filter(r -> source.equals(r.getAs("source"))).findFirst()
        .orElseThrow()).toList();
  }

  @Test
  void aNewPlaceholderAndANewNicknameChangeTheNextRun() throws IOException {
    copyShippedRules();
    Row before = standardize("servicedesk", "Bartholomew", "nobody@nowhere.test", "1980-02-03");
    assertEquals("nobody@nowhere.test", before.getAs("email"));
    assertEquals("bartholomew", before.getAs("given_key"));
    assertEquals(List.of(), before.getList(before.fieldIndex("dq_issues")));

    Path conf = rules.resolve("standardize.conf");
    Files.writeString(conf, Files.readString(conf).replace("\"noemail@example.com\",",
        "\"noemail@example.com\", \"nobody@nowhere.test\","));
    Files.writeString(rules.resolve("lookups/nicknames.csv"), "bartholomew,Bart\n", StandardOpenOption.APPEND);

    Row after = standardize("servicedesk", "Bartholomew", "nobody@nowhere.test", "1980-02-03");
    assertNull(after.getAs("email"));
    assertEquals("bart", after.getAs("given_key"));
    assertEquals(List.of("email.placeholder"), after.getList(after.fieldIndex("dq_issues")));
  }

  // Planning these rules once took Spark's optimizer more than 20 minutes (fixed by fb4e511); it runs in about 10 s.
  // Should that come back, the timeout fails this test instead of stalling the whole build.
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void withoutTransformsEveryFieldAndMatchKeyIsItsValueAsRead() throws IOException {
    copyShippedRules();
    StandardizeRules shipped = StandardizeRules.load(rules, sources());
    Row cleaned = standardize(shipped, List.of("crm"), " Bob ", "noemail@example.com", "03/02/1980").get(0);
    assertEquals("Bob", cleaned.getAs("given_name"));
    assertEquals(List.of("email.placeholder"), cleaned.getList(cleaned.fieldIndex("dq_issues")));

    Row asRead = standardize(shipped.withoutTransforms(), List.of("crm"), " Bob ", "noemail@example.com",
        "03/02/1980").get(0);
    assertEquals(" Bob ", asRead.getAs("given_name"));
    assertEquals(" Bob ", asRead.getAs("given_key"), "a match key is its expression alone");
    assertEquals("noemail@example.com", asRead.getAs("email"));
    assertEquals("03/02/1980", asRead.getAs("birth_date"), "not even crm's own date format");
    assertEquals(List.of(), asRead.getList(asRead.fieldIndex("dq_issues")));
    assertEquals(shipped.orderAmounts(), shipped.withoutTransforms().orderAmounts());
  }

  @Test
  void aSourceReadsDatesInItsOwnFormatOnTopOfTheDefaults() throws IOException {
    copyShippedRules();
    List<Row> rows = standardize(List.of("crm", "servicedesk", "erp"), "Ann", "ann@example.org", "03/02/1980");
    Row crm = rows.get(0);
    assertEquals(java.sql.Date.valueOf("1980-02-03"), crm.getAs("birth_date"));
    assertEquals(List.of(), crm.getList(crm.fieldIndex("dq_issues")));
    Row crmIso = standardize("crm", "Ann", "ann@example.org", "1980-02-03");
    assertEquals(java.sql.Date.valueOf("1980-02-03"), crmIso.getAs("birth_date"), "defaults still apply");
    for (Row other : rows.subList(1, 3)) { // the default pipeline and erp's own, beside crm's in the same plan
      assertNull(other.getAs("birth_date"));
      assertEquals(List.of("birth_date.unparseable"), other.getList(other.fieldIndex("dq_issues")));
    }
  }

  @Test
  void aBrokenMatchKeyStopsTheRunBeforeAnyDataIsReadNamingFileLineAndKey() throws IOException {
    copyShippedRules();
    Path conf = rules.resolve("standardize.conf");
    Files.writeString(conf, Files.readString(conf).replace("match-keys {",
        "match-keys {\n  broken_key { from = \"concat(given_name, no_such_field)\" }"));
    StandardizeRules loaded = StandardizeRules.load(rules, sources());
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> StandardizePreflight.check(SparkTest.spark(), loaded, sources()));
    String message = e.getMessage();
    assertTrue(message.contains("standardize.conf:") && message.contains("match-keys.broken_key")
        && message.contains("no_such_field"), message);
  }

  @Test
  void anUnknownOrderFieldOrTransformInASourceOverrideIsReported() throws IOException {
    copyShippedRules();
    Path erp = rules.resolve("sources/erp.conf");
    Files.writeString(erp, Files.readString(erp) + "\nstandardize { orders { total = [trim], status = [titlecase] } }\n");
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> StandardizeRules.load(rules, sources()));
    String message = e.getMessage();
    assertTrue(message.contains("erp.conf") && message.contains("standardize.orders.total")
        && message.contains("not a canonical orders field"), message);
    assertTrue(message.contains("standardize.orders.status[0]") && message.contains("unknown transform \"titlecase\""),
        message);
  }
}
