package io.aurum.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.AurumConfig;
import io.aurum.config.ConfigLoader;
import io.aurum.ingest.EntityIngestResult;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.TableName;
import io.aurum.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly pipeline on the bundled sample data with the shipped configuration and rules: what a
 * newcomer's {@code scripts/run-nightly} does, into a temporary lakehouse.
 */
@ExtendWith(SparkTest.class)
class SampleNightTest {
  @TempDir
  static Path lakehouse;
  static Pipeline.Result result;
  static Lakehouse lake;

  @BeforeAll
  static void runTheNight() {
    Path conf = Path.of("..", "conf", "application.conf").toAbsolutePath().normalize();
    AurumConfig config = ConfigLoader.load(new ConfigLoader.Request(conf, List.of(), Map.of(),
        Map.of("aurum.lakehouse", lakehouse.toString(), "aurum.run-date", "2026-11-20")));
    result = new Pipeline(SparkTest.spark(), config, Map.of(), Progress.NONE).run(List.of(Stage.values()));
    lake = new Lakehouse(SparkTest.spark(), config.lakehouse());
  }

  @Test
  void silverHasOneRowPerAcceptedBronzeCustomerRow() {
    assertEquals(RunStatus.SUCCEEDED, result.status(), String.valueOf(result.failedChecks()));
    Map<String, Long> silver = countBy(lake.read(new TableName("silver", "customers")), "source");
    Map<String, Long> accepted = new TreeMap<>();
    for (EntityIngestResult e : result.ingest().entities()) {
      if (e.entity().equals("customers")) {
        accepted.put(e.source(), e.rowsAccepted());
      }
    }
    assertEquals(4, accepted.size());
    assertEquals(accepted, silver);
    assertEquals(accepted.values().stream().mapToLong(Long::longValue).sum(), result.standardize().rowsWritten());
  }

  @Test
  void issueCountsPerSourceAreInTheStageMetricsAndMatchTheSilverRows() {
    Dataset<Row> issues = lake.read(new TableName("silver", "customers"))
        .select(col("source"), explode(col("dq_issues")).as("issue"));
    Map<String, Long> fromRows = countBy(issues.selectExpr("concat(source, ' issue.', issue) AS k"), "k");
    Map<String, Long> fromMetrics = new TreeMap<>();
    for (Row r : lake.read(new TableName("ops", "stage_metrics"))
        .where(col("stage").equalTo("standardize").and(col("metric").startsWith("issue.")))
        .selectExpr("concat(source, ' ', metric)", "CAST(value AS BIGINT)").collectAsList()) {
      fromMetrics.put(r.getString(0), r.getLong(1));
    }
    assertEquals(fromRows, fromMetrics);
    assertTrue(fromMetrics.getOrDefault("crm issue.phone.placeholder", 0L) > 20, fromMetrics.toString());
    assertTrue(fromMetrics.getOrDefault("ecommerce issue.email.placeholder", 0L) > 50, fromMetrics.toString());
  }

  private static Map<String, Long> countBy(Dataset<Row> rows, String column) {
    Map<String, Long> out = new TreeMap<>();
    rows.groupBy(column).count().collectAsList().forEach(r -> out.put(r.getString(0), r.getLong(1)));
    return out;
  }
}
