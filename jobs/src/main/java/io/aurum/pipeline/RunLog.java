package io.aurum.pipeline;

import io.aurum.ingest.EntityIngestResult;
import io.aurum.ingest.IngestResult;
import io.aurum.ingest.IngestStage;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.Tables;
import io.aurum.golden.GoldenResult;
import io.aurum.golden.GoldenStage;
import io.aurum.match.MatchResult;
import io.aurum.match.MatchStage;
import io.aurum.standardize.StandardizeResult;
import io.aurum.standardize.StandardizeStage;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the operational record of runs: {@code ops.runs} (a row when a run starts, updated when it ends, so
 * a crashed run stays visible as RUNNING) and {@code ops.stage_metrics} in long form
 * (run, stage, source, entity, metric, value).
 */
public final class RunLog {
  public static final StructType RUNS_SCHEMA = StructType.fromDDL("run_id STRING, command STRING, run_date DATE, "
      + "started_at TIMESTAMP, ended_at TIMESTAMP, status STRING, stages STRING, config_hash STRING, message STRING");

  public static final StructType METRICS_SCHEMA = StructType.fromDDL("run_id STRING, stage STRING, source STRING, "
      + "entity STRING, metric STRING, value DOUBLE, recorded_at TIMESTAMP");

  private final SparkSession spark;
  private final Lakehouse lake;

  public RunLog(SparkSession spark, Lakehouse lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** Records the start of a run (status RUNNING), so a run that dies stays visible. */
  public void started(RunContext run, String command, String stages, String configHash) {
    Row row = RowFactory.create(run.runId(), command, Date.valueOf(run.runDate()), run.startedAt(), null,
        RunStatus.RUNNING.name(), stages, configHash, null);
    lake.append(spark.createDataFrame(List.of(row), RUNS_SCHEMA), Tables.RUNS);
  }

  /** Records the end of a run: end time, final status and a message (failed checks or the error). */
  public void ended(RunContext run, RunStatus status, String message) {
    lake.update(Tables.RUNS, "run_id = '" + run.runId() + "'", Map.of(
        "ended_at", "current_timestamp()",
        "status", "'" + status.name() + "'",
        "message", message == null ? "NULL" : "'" + message.replace("\\", "\\\\").replace("'", "\\'") + "'"));
  }

  public void ingestMetrics(RunContext run, IngestResult result) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    for (EntityIngestResult e : result.entities()) {
      rows.add(metric(run, e, "files_found", e.filesFound(), now));
      rows.add(metric(run, e, "files_skipped", e.filesSkipped(), now));
      rows.add(metric(run, e, "rows_read", e.rowsRead(), now));
      rows.add(metric(run, e, "rows_accepted", e.rowsAccepted(), now));
      rows.add(metric(run, e, "rows_quarantined", e.rowsQuarantined(), now));
      rows.add(metric(run, e, "seconds", e.seconds(), now));
      e.rejectReasons().forEach((reason, n) -> rows.add(metric(run, e, "rejected." + reason, n, now)));
    }
    lake.append(spark.createDataFrame(rows, METRICS_SCHEMA), Tables.STAGE_METRICS);
  }

  /** Per silver table, rows written and, per source, the rows with each data-quality issue ({@code issue.<code>}). */
  public void standardizeMetrics(RunContext run, StandardizeResult result) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(run.runId(), StandardizeStage.NAME, null, null, "seconds", result.seconds(), now));
    for (StandardizeResult.Table t : result.tables()) {
      String entity = t.entity().key();
      rows.add(RowFactory.create(run.runId(), StandardizeStage.NAME, null, entity, "rows_written",
          (double) t.rowsWritten(), now));
      t.issues().forEach((source, counts) -> counts.forEach((code, n) -> rows.add(
          RowFactory.create(run.runId(), StandardizeStage.NAME, source, entity, "issue." + code, (double) n, now))));
    }
    lake.append(spark.createDataFrame(rows, METRICS_SCHEMA), Tables.STAGE_METRICS);
  }

  /** Candidate pairs (per blocking rule too), oversized blocks, pairs, clusters, lambda and time of the match stage. */
  public void matchMetrics(RunContext run, MatchResult result) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("records", (double) result.records());
    values.put("records_scored", (double) result.recordsScored());
    values.put("candidate_pairs", (double) result.candidatePairs());
    values.put("oversized_blocks", (double) result.oversizedBlocks());
    values.put("pairs_written", (double) result.pairsWritten());
    values.put("review_pairs", (double) result.reviewPairs());
    values.put("clusters", (double) result.clusters());
    values.put("linked_records", (double) result.linkedRecords());
    values.put("lambda", result.lambda());
    values.put("em_iterations", (double) result.emIterations());
    values.put("seconds", result.seconds());
    result.pairsPerRule().forEach((rule, n) -> values.put("pairs.rule." + rule, (double) n));
    customerMetrics(run, MatchStage.NAME, values);
  }

  public void goldenMetrics(RunContext run, GoldenResult result) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("golden_customers", (double) result.customers());
    values.put("built_customers", (double) result.built());
    values.put("changed_customers", (double) result.changed());
    values.put("xref_rows", (double) result.xrefRows());
    values.put("seconds", result.seconds());
    result.idEvents().forEach((event, n) -> values.put("id_events." + event, (double) n));
    customerMetrics(run, GoldenStage.NAME, values);
  }

  private void customerMetrics(RunContext run, String stage, Map<String, Double> values) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    values.forEach((name, v) -> rows.add(RowFactory.create(run.runId(), stage, null, "customers", name, v, now)));
    lake.append(spark.createDataFrame(rows, METRICS_SCHEMA), Tables.STAGE_METRICS);
  }

  private static Row metric(RunContext run, EntityIngestResult e, String name, double value, Timestamp at) {
    return RowFactory.create(run.runId(), IngestStage.NAME, e.source(), e.entity(), name, value, at);
  }
}
