package io.aurum.ingest;

import java.io.Serializable;

/**
 * One unit of ingestion: a file, or one read of a database table. Its content hash keys the file ledger,
 * so the same content is never ingested twice.
 *
 * @param location    qualified file path, or the database lineage name
 * @param contentHash SHA-256 of the file bytes, or a fingerprint of the rows read
 * @param bytes       file size, or -1 for a database read
 */
public record ExtractUnit(String location, String contentHash, long bytes) implements Serializable {}
