package io.aurum.config;

/**
 * Settings of the ingest stage.
 *
 * @param maxQuarantineRatio the share of a source entity's rows that may be quarantined in one run before
 *                           the run fails its data checks (the rows are still kept)
 */
public record IngestSettings(double maxQuarantineRatio) {}
