package io.aurum.pipeline;

import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * Identity of one pipeline run, stamped on everything it writes.
 *
 * @param runId     unique id, e.g. {@code 20261122T140512Z-3f9a1c}
 * @param runDate   the business date being processed
 * @param startedAt wall-clock start
 */
public record RunContext(String runId, LocalDate runDate, Timestamp startedAt) {}
