package io.aurum.ingest;

import java.util.Map;

/**
 * What ingesting one source entity did in one run. Counts reconcile: {@code rowsRead = rowsAccepted +
 * rowsQuarantined}, where accepted and quarantined are the rows the Delta commits report.
 *
 * @param label           e.g. {@code crm.customers}
 * @param filesFound      files (or database reads) in tonight's extract
 * @param filesSkipped    of those, already ingested by content hash
 * @param rowsRead        records read from the new files
 * @param rowsAccepted    rows committed to the bronze table
 * @param rowsQuarantined rows committed to {@code quarantine.rejected_rows}
 * @param rejectReasons   quarantined rows per reason code
 * @param seconds         wall-clock time
 */
public record EntityIngestResult(
    String source,
    String entity,
    String label,
    int filesFound,
    int filesSkipped,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    Map<String, Long> rejectReasons,
    double seconds) {

  public double quarantineRatio() {
    return rowsRead == 0 ? 0.0 : (double) rowsQuarantined / rowsRead;
  }
}
