package io.aurum.lake;

/** Names of the tables Aurum maintains outside the per-source bronze tables. */
public final class Tables {
  /** Rows that could not be accepted, with source, file, raw text and reason. */
  public static final TableName REJECTED_ROWS = new TableName("quarantine", "rejected_rows");
  /** One row per invocation of {@code aurum run}: start, end, status, config fingerprint. */
  public static final TableName RUNS = new TableName("ops", "runs");
  /** Long-form metrics (run, stage, source, entity, metric, value) of every stage. */
  public static final TableName STAGE_METRICS = new TableName("ops", "stage_metrics");
  /** Every ingested file or database extract, keyed by content hash, so re-ingest adds nothing. */
  public static final TableName FILE_LEDGER = new TableName("ops", "file_ledger");

  public static final String BRONZE = "bronze";

  private Tables() {}

  public static TableName bronze(String table) {
    return new TableName(BRONZE, table);
  }
}
