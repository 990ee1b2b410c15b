package io.aurum.ingest;

/** Reason codes of {@code quarantine.rejected_rows}; each row also carries a detail for people. */
public final class RejectReason {
  /** The line's bytes are not valid in the source's declared encoding. */
  public static final String UNDECODABLE = "undecodable";
  /** The file's header line does not name the declared columns; every row of the file is kept here. */
  public static final String HEADER_MISMATCH = "header_mismatch";
  /** The record does not parse: broken quoting, wrong column count, invalid JSON or a value of the wrong type. */
  public static final String MALFORMED = "malformed";
  /** The mapping's source_id is null or blank: the record cannot be traced back to its source. */
  public static final String MISSING_SOURCE_ID = "missing_source_id";

  private RejectReason() {}
}
