package io.aurum.standardize;

import java.util.Map;

/**
 * What the standardize stage did in one run.
 *
 * @param rowsWritten rows committed to {@code silver.customers}
 * @param issues      per source, the number of rows with each data-quality issue code
 * @param seconds     wall-clock time
 */
public record StandardizeResult(long rowsWritten, Map<String, Map<String, Long>> issues, double seconds) {}
