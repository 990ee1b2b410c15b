package io.aurum.ingest;

import java.util.List;

/**
 * Result of the ingest stage: one entry per source entity, and the data checks that failed (a source
 * entity whose quarantined share exceeded {@code aurum.ingest.max-quarantine-ratio}).
 */
public record IngestResult(List<EntityIngestResult> entities, List<String> failedChecks) {}
