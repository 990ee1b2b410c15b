package io.aurum.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.aurum.config.EntityRule;
import io.aurum.pipeline.RunContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The rows ingest writes, derived from classified records: accepted rows for the bronze table (raw source
 * columns plus lineage) and rejected rows for {@code quarantine.rejected_rows}; also the ledger's schema.
 */
public final class IngestOutputs {
  private static final StructType LINEAGE_SCHEMA = StructType.fromDDL("_source_id STRING, _source STRING, "
      + "_file STRING, _file_hash STRING, _row_number BIGINT, _ingested_at TIMESTAMP, _run_id STRING, _row_hash STRING");

  /** Lineage columns appended to every bronze row; source columns may not use these names. */
  public static final List<String> LINEAGE_COLUMNS = List.of(LINEAGE_SCHEMA.fieldNames());

  /** Columns used while reading; source columns may not use these names either. */
  public static final Set<String> RESERVED = Set.of(
      "_source_id", "_source", "_file", "_file_hash", "_row_number", "_ingested_at", "_run_id", "_row_hash",
      "_raw", "_line", "_error", "_error_detail", "_parsed", "_corrupt", "_metadata");

  public static final StructType QUARANTINE_SCHEMA = StructType.fromDDL("run_id STRING, source STRING, "
      + "entity STRING, file STRING, file_hash STRING, row_number BIGINT, source_id STRING, reason STRING, "
      + "detail STRING, raw STRING, quarantined_at TIMESTAMP");

  public static final StructType LEDGER_SCHEMA = StructType.fromDDL("source STRING, entity STRING, file STRING, "
      + "file_hash STRING, bytes BIGINT, rows BIGINT, run_id STRING, ingested_at TIMESTAMP");

  private IngestOutputs() {}

  /** The schema of a source entity's bronze table: its declared columns, then the lineage columns. */
  public static StructType bronzeSchema(EntityRule rule) {
    StructType out = rule.schema();
    for (var field : LINEAGE_SCHEMA.fields()) {
      out = out.add(field);
    }
    return out;
  }

  /** Accepted records: declared columns in order, then {@link #LINEAGE_COLUMNS}. */
  public static Dataset<Row> bronze(Dataset<Row> classified, EntityRule rule, RunContext run) {
    Column[] declared = Arrays.stream(rule.schema().fieldNames()).map(n -> col("`" + n + "`")).toArray(Column[]::new);
    List<Column> out = new ArrayList<>(Arrays.asList(declared));
    out.add(col("_source_id"));
    out.add(lit(rule.source()).as("_source"));
    out.add(col("_file"));
    out.add(col("_file_hash"));
    out.add(col("_row_number"));
    out.add(lit(run.startedAt()).as("_ingested_at"));
    out.add(lit(run.runId()).as("_run_id"));
    out.add(sha2(to_json(struct(declared)), 256).as("_row_hash"));
    return classified.where(col("_error").isNull()).select(out.toArray(Column[]::new));
  }

  /** Rejected records in {@link #QUARANTINE_SCHEMA}. */
  public static Dataset<Row> quarantine(Dataset<Row> classified, EntityRule rule, RunContext run) {
    return classified.where(col("_error").isNotNull()).select(
        lit(run.runId()).as("run_id"),
        lit(rule.source()).as("source"),
        lit(rule.entity().key()).as("entity"),
        col("_file").as("file"),
        col("_file_hash").as("file_hash"),
        col("_row_number").as("row_number"),
        col("_source_id").as("source_id"),
        col("_error").as("reason"),
        col("_error_detail").as("detail"),
        col("_raw").as("raw"),
        lit(run.startedAt()).as("quarantined_at"));
  }
}
