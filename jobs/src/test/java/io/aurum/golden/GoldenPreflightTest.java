package io.aurum.golden;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.InvalidConfigurationException;
import io.aurum.testing.TestFiles;
import java.nio.file.Path;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden stage's start-up check of {@code silver.customers}: the columns it reads besides the rules' fields. */
class GoldenPreflightTest {
  private static final String SILVER = "source STRING, source_id STRING, updated_at TIMESTAMP, _ingested_at TIMESTAMP, "
      + "dq_issues ARRAY<STRING>, attributes MAP<STRING, STRING>, full_name STRING";

  @TempDir
  Path rules;

  @Test
  void silverWithoutItsValueHashStopsTheRunAndSaysWhatWritesIt() {
    TestFiles.write(rules.resolve("survivorship.conf"),
        "attributes { name { fields = [full_name], strategy = longest } }");
    SurvivorshipRules loaded = SurvivorshipRules.load(rules);
    String message = assertThrows(InvalidConfigurationException.class,
        () -> GoldenPreflight.check(loaded, StructType.fromDDL(SILVER))).getMessage();
    assertTrue(message.contains("survivorship.conf: (silver.customers): the golden stage needs the column "
        + "\"value_hash\" (written by the standardize stage"), message);
    assertDoesNotThrow(() -> GoldenPreflight.check(loaded, StructType.fromDDL(SILVER + ", value_hash BIGINT")));
  }
}
