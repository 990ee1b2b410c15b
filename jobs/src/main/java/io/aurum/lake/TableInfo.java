package io.aurum.lake;

import java.sql.Timestamp;

/** What {@code aurum tables} shows of one table: its Delta version, row count and last write. */
public record TableInfo(TableName name, long version, long rows, Timestamp lastWrite, String lastOperation) {}
