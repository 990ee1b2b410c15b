package io.aurum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.SparkTest;
import io.aurum.testing.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI as a user drives it, in-process: an overlay that replaces the sources and the lakehouse ingests
 * data the project has never seen; bad rule files stop the run before data is read; exit codes tell
 * success, bad configuration and failed data checks apart.
 */
@ExtendWith(SparkTest.class)
class AurumCliTest {
  @TempDir
  Path dir;
  Path overlay;

  /** Output of one CLI invocation. */
  record Outcome(int code, String out, String err) {}

  private Outcome aurum(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AurumCli.execute(Map.of("AURUM_HOME", dir.toString()), new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @BeforeEach
  void partnerSystemNobodyConfiguredBefore() {
    TestFiles.write(dir.resolve("drop/partners/2026-05-01/partners.tsv"),
        "partner_ref\tcontact\tmail\nPR-1\tGrace Hopper\tGrace@Navy.mil\nPR-2\tAda Lovelace\tN/A\n");
    TestFiles.write(dir.resolve("partner-rules/sources/partners.conf"), """
        name = partners
        extract = delta
        customers {
          format = csv
          path = "partners/${run_date}/*.tsv"
          options { delimiter = "\\t" }
          schema = "partner_ref STRING, contact STRING, mail STRING"
          mapping { source_id = "partner_ref", full_name = "contact", email = "mail" }
        }
        """);
    TestFiles.write(dir.resolve("partner-rules/standardize.conf"), """
        placeholders = ["N/A"]
        customers {
          full_name = [trim, upper]
          email = [null-if-placeholder, email]
        }
        """);
    overlay = TestFiles.write(dir.resolve("overlay.conf"), """
        aurum {
          lakehouse = lake
          landing = drop
          rules = partner-rules
          sources = [partners]
          spark.conf { "spark.sql.shuffle.partitions" = "2" }
        }
        """);
  }

  @Test
  void overlayIngestsUnseenDataAndEveryCommandAnswers() {
    Outcome run = aurum("run", "--conf", overlay.toString(), "--as-of", "2026-05-01", "--stages", "ingest,standardize");
    assertEquals(ExitCode.OK, run.code(), run.err());
    assertTrue(run.out().contains("partners.customers"), run.out());
    assertTrue(run.out().contains("read 2  accepted 2  quarantined 0"), run.out());

    Outcome sql = aurum("sql", "--conf", overlay.toString(), "--format", "csv",
        "SELECT partner_ref, contact FROM bronze.partners_customers ORDER BY partner_ref");
    assertEquals(ExitCode.OK, sql.code(), sql.err());
    assertEquals("partner_ref,contact\nPR-1,Grace Hopper\nPR-2,Ada Lovelace\n", sql.out());

    Outcome silver = aurum("sql", "--conf", overlay.toString(), "--format", "csv",
        "SELECT source_id, full_name, email, array_join(dq_issues, ' ') AS issues FROM silver.customers ORDER BY 1");
    assertEquals("source_id,full_name,email,issues\nPR-1,GRACE HOPPER,grace@navy.mil,\n"
        + "PR-2,ADA LOVELACE,,email.placeholder\n", silver.out());

    Outcome quarantine = aurum("sql", "--conf", overlay.toString(), "--format", "json",
        "SELECT count(*) AS n FROM quarantine.rejected_rows");
    assertEquals("{\"n\":0}\n", quarantine.out());

    Outcome runs = aurum("sql", "--conf", overlay.toString(), "--format", "csv",
        "SELECT status, run_date FROM ops.runs");
    assertEquals("status,run_date\nSUCCEEDED,2026-05-01\n", runs.out());

    Outcome tables = aurum("tables", "--conf", overlay.toString());
    assertEquals(ExitCode.OK, tables.code(), tables.err());
    for (String t : new String[] {"bronze.partners_customers", "ops.file_ledger", "ops.runs", "ops.stage_metrics",
        "quarantine.rejected_rows", "silver.customers"}) {
      assertTrue(tables.out().contains(t), tables.out());
    }
  }

  @Test
  void mappingOverAMissingColumnStopsBeforeAnyDataIsRead() throws Exception {
    Path rule = dir.resolve("partner-rules/sources/partners.conf");
    Files.writeString(rule, Files.readString(rule).replace("email = \"mail\"", "email = \"e_mail\""));

    Outcome run = aurum("run", "--conf", overlay.toString(), "--as-of", "2026-05-01");

    assertEquals(ExitCode.BAD_CONFIGURATION, run.code());
    assertTrue(run.err().contains(rule + ":8: customers.mapping.email"), run.err());
    assertTrue(run.err().contains("e_mail"), run.err());
    assertFalse(Files.exists(dir.resolve("lake/bronze")), "no table was written");
  }

  @Test
  void unknownKeyInARuleFileStopsBeforeSparkWork() throws Exception {
    Path rule = dir.resolve("partner-rules/sources/partners.conf");
    Files.writeString(rule, Files.readString(rule).replace("extract = delta", "extracts = delta"));

    Outcome run = aurum("run", "--conf", overlay.toString());

    assertEquals(ExitCode.BAD_CONFIGURATION, run.code());
    assertTrue(run.err().contains(rule + ":2: extracts: unknown key"), run.err());
    assertFalse(Files.exists(dir.resolve("lake")), "nothing was created");
  }

  @Test
  void unknownTransformInTheStandardizationRulesStopsBeforeAnyDataIsRead() throws Exception {
    Path rules = dir.resolve("partner-rules/standardize.conf");
    Files.writeString(rules, Files.readString(rules).replace("[trim, upper]", "[trim, uppercase]"));

    Outcome run = aurum("run", "--conf", overlay.toString(), "--as-of", "2026-05-01");

    assertEquals(ExitCode.BAD_CONFIGURATION, run.code());
    assertTrue(run.err().contains(rules + ":3: customers.full_name[1]: unknown transform \"uppercase\""), run.err());
    assertFalse(Files.exists(dir.resolve("lake/bronze")), "no table was written");
    assertEquals(ExitCode.OK, aurum("run", "--conf", overlay.toString(), "--as-of", "2026-05-01", "--stages", "ingest")
        .code(), "a run without the standardize stage does not need its rules");
  }

  @Test
  void matchRulesOverKeysTheStandardizationDoesNotDeriveStopBeforeAnyDataIsRead() throws Exception {
    Path rules = TestFiles.write(dir.resolve("partner-rules/match.conf"),
        Files.readString(Path.of("..", "rules", "match.conf")));

    Outcome run = aurum("run", "--conf", overlay.toString(), "--as-of", "2026-05-01");

    assertEquals(ExitCode.BAD_CONFIGURATION, run.code());
    assertTrue(run.err().contains(rules + ": blocking.rules.email: \"email_key\" is not a column of silver.customers"),
        run.err());
    assertFalse(Files.exists(dir.resolve("lake/bronze")), "no table was written");
  }

  @Test
  void quarantineAboveTheLimitFailsTheDataChecks() {
    TestFiles.write(dir.resolve("drop/partners/2026-05-02/partners.tsv"), "partner_ref\tcontact\tmail\n\tNo Ref\tx@y\n");

    Outcome run = aurum("run", "--conf", overlay.toString(), "--as-of", "2026-05-02", "--stages", "ingest");

    assertEquals(ExitCode.FAILED_CHECKS, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("data check failed: partners.customers: 100.0% of rows quarantined"), run.err());
    Outcome runs = aurum("sql", "--conf", overlay.toString(), "--format", "csv", "SELECT status FROM ops.runs");
    assertEquals("status\nFAILED_CHECKS\n", runs.out());
  }

  @Test
  void badQueryAndUnknownStageAreUsageErrors() {
    assertEquals(ExitCode.BAD_CONFIGURATION, aurum("sql", "--conf", overlay.toString(), "SELEC 1").code());
    Outcome stage = aurum("run", "--conf", overlay.toString(), "--stages", "ingest,matchh");
    assertEquals(ExitCode.BAD_CONFIGURATION, stage.code());
    assertTrue(stage.err().contains("Unknown stage \"matchh\"; stages: ingest, standardize"), stage.err());
  }

  @Test
  void benchmarkWithoutAnIncrementalNightOrWithAFloorOutsideStandardizeIsAUsageErrorBeforeAnyDataIsGenerated() {
    Path work = dir.resolve("bench");
    Outcome nights = aurum("benchmark", "incremental", "--conf", overlay.toString(), "--work", work.toString(),
        "--customers", "10", "--nights", "0");
    assertEquals(ExitCode.BAD_CONFIGURATION, nights.code(), nights.out() + nights.err());
    assertTrue(nights.err().contains("--nights must be at least 1, got 0"), nights.err());
    assertFalse(Files.exists(work), "nothing was generated");
    Outcome floor = aurum("benchmark", "match", "--conf", overlay.toString(), "--work", work.toString(),
        "--customers", "10", "--floor");
    assertEquals(ExitCode.BAD_CONFIGURATION, floor.code(), floor.out() + floor.err());
    assertTrue(floor.err().contains("--floor is for the standardize benchmark only"), floor.err());
    assertFalse(Files.exists(work), "nothing was generated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "sql", "tables", "evaluate", "explain", "blocking", "generate", "benchmark"})
  void everyCommandHasHelp(String command) {
    Outcome help = aurum(command, "--help");
    assertEquals(ExitCode.OK, help.code());
    assertTrue(help.out().contains("Usage: aurum " + command), help.out());
    assertTrue(help.out().contains("--conf=FILE"), help.out());
  }
}
