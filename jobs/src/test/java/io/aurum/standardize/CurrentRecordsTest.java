package io.aurum.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aurum.testing.SparkTest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The current version of each source record: latest update, then ingestion, file and line; snapshots by run. */
@ExtendWith(SparkTest.class)
class CurrentRecordsTest {

  /** Columns: source, source_id, updated_at, _ingested_at, _file, _row_number, _run_id, and a label to tell rows. */
  private static Dataset<Row> rows() {
    return SparkTest.spark().sql("SELECT source, source_id, CAST(updated_at AS TIMESTAMP) updated_at, "
        + "CAST(ingested AS TIMESTAMP) _ingested_at, _file, CAST(line AS BIGINT) _row_number, _run_id, label "
        + "FROM VALUES "
        // a delta source: every version ever sent counts
        + "('crm', 'A', '2026-01-02 00:00:00', '2026-01-02 01:00:00', 'f1', 1, 'r1', 'A older'), "
        + "('crm', 'A', '2026-01-03 00:00:00', '2026-01-03 01:00:00', 'f2', 1, 'r2', 'A newest update'), "
        + "('crm', 'A', NULL, '2026-01-04 01:00:00', 'f3', 1, 'r3', 'A no update time'), "
        + "('crm', 'B', '2026-01-02 00:00:00', '2026-01-02 01:00:00', 'f1', 2, 'r1', 'B first ingested'), "
        + "('crm', 'B', '2026-01-02 00:00:00', '2026-01-03 01:00:00', 'f2', 2, 'r2', 'B last ingested'), "
        + "('crm', 'C', '2026-01-02 00:00:00', '2026-01-02 01:00:00', 'f1', 3, 'r1', 'C file f1'), "
        + "('crm', 'C', '2026-01-02 00:00:00', '2026-01-02 01:00:00', 'f1b', 3, 'r1', 'C file f1b'), "
        + "('crm', 'D', '2026-01-02 00:00:00', '2026-01-02 01:00:00', 'f1', 4, 'r1', 'D line 4'), "
        + "('crm', 'D', '2026-01-02 00:00:00', '2026-01-02 01:00:00', 'f1', 9, 'r1', 'D line 9'), "
        + "('crm', 'E', NULL, '2026-01-02 01:00:00', 'f1', 5, 'r1', 'E only'), "
        // a snapshot source: only its latest run counts, a record missing from it is gone
        + "('erp', 'A', '2026-01-05 00:00:00', '2026-01-05 01:00:00', 'e1', 1, 'r1', 'erp A in an old run'), "
        + "('erp', 'A', '2026-01-01 00:00:00', '2026-01-06 01:00:00', 'e2', 1, 'r2', 'erp A latest run'), "
        + "('erp', 'B', '2026-01-05 00:00:00', '2026-01-05 01:00:00', 'e1', 2, 'r1', 'erp B gone'), "
        + "('erp', 'C', '2026-01-06 00:00:00', '2026-01-06 01:00:00', 'e2', 2, 'r2', 'erp C repeated, first'), "
        + "('erp', 'C', '2026-01-06 00:00:00', '2026-01-06 01:00:00', 'e2', 7, 'r2', 'erp C repeated, last') "
        + "AS t(source, source_id, updated_at, ingested, _file, line, _run_id, label)");
  }

  @Test
  void oneCurrentVersionPerSourceRecord() {
    Map<String, String> current = new TreeMap<>();
    for (Row r : CurrentRecords.select(rows(), Set.of("erp")).collectAsList()) {
      assertEquals(null, current.put(r.getAs("source") + ":" + r.getAs("source_id"), r.getAs("label")),
          "one row per source record");
    }
    assertEquals(Map.of(
        "crm:A", "A newest update",
        "crm:B", "B last ingested",
        "crm:C", "C file f1b",
        "crm:D", "D line 9",
        "crm:E", "E only",
        "erp:A", "erp A latest run",
        "erp:C", "erp C repeated, last"), current);
  }
}
