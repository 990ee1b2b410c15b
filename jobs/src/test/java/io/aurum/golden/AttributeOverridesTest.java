package io.aurum.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.InvalidConfigurationException;
import io.aurum.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steward corrections of golden values: read with the survivorship rules, every bad line reported at start-up. */
class AttributeOverridesTest {
  private static final String RULES = """
      attributes {
        name { fields = [full_name], strategy = longest }
        birth_date { strategy = most-frequent }
      }
      """;

  @TempDir
  Path rules;

  @Test
  void overridesAreReadWithTheirLocationAndAnAbsentFileMeansNone() {
    TestFiles.write(rules.resolve("survivorship.conf"), RULES);
    assertEquals(List.of(), SurvivorshipRules.load(rules).overrides().overrides());
    Path file = TestFiles.write(rules.resolve("overrides/golden_attributes.csv"), """
        golden_id,field,value,reason
        # a comment
        G0123456789ABCDEF,full_name,"Lee, Ann",name as on her passport (ticket 88)
        """);
    assertEquals(List.of(new AttributeOverrides.Override("G0123456789ABCDEF", "full_name", "Lee, Ann",
        "name as on her passport (ticket 88)", file + ":3")), SurvivorshipRules.load(rules).overrides().overrides());
  }

  @Test
  void unknownFieldsMissingReasonsAndSecondValuesAreStartUpProblems() {
    TestFiles.write(rules.resolve("survivorship.conf"), RULES);
    Path file = TestFiles.write(rules.resolve("overrides/golden_attributes.csv"), """
        golden_id,field,value,reason
        G1,shoe_size,44,asked
        G1,full_name,Ann Lee,
        G2,full_name,Bo,nickname
        G2,full_name,Bob,nickname
        """);
    String message = assertThrows(InvalidConfigurationException.class, () -> SurvivorshipRules.load(rules))
        .getMessage();
    assertTrue(message.contains(file + ":2: golden_attributes.csv: \"shoe_size\" is not a field of survivorship.conf"),
        message);
    assertTrue(message.contains(file + ":3: golden_attributes.csv: golden_id, value and reason are required"), message);
    assertTrue(message.contains(file + ":5: golden_attributes.csv: full_name of G2 is already overridden at " + file
        + ":4"), message);
  }

  @Test
  void aValueThatDoesNotFitItsSilverColumnStopsTheRunBeforeAnyDataIsRead() {
    TestFiles.write(rules.resolve("survivorship.conf"), RULES);
    Path file = TestFiles.write(rules.resolve("overrides/golden_attributes.csv"), """
        golden_id,field,value,reason
        G1,birth_date,1980-02-30,from the passport
        G2,birth_date,1980-02-29,from the passport
        """);
    SurvivorshipRules loaded = SurvivorshipRules.load(rules);
    StructType silver = StructType.fromDDL("source STRING, source_id STRING, updated_at TIMESTAMP, "
        + "_ingested_at TIMESTAMP, dq_issues ARRAY<STRING>, attributes MAP<STRING, STRING>, full_name STRING, birth_date DATE");
    String message = assertThrows(InvalidConfigurationException.class, () -> GoldenPreflight.check(loaded, silver))
        .getMessage();
    assertTrue(message.contains(file + ":2: golden_attributes.csv: \"1980-02-30\" is not a date (birth_date)"), message);
    assertTrue(!message.contains(file + ":3"), message);
  }
}
