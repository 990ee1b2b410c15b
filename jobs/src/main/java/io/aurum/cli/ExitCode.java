package io.aurum.cli;

/** Process exit codes of the {@code aurum} command; documented in the README. */
public final class ExitCode {
  public static final int OK = 0;
  /** An unexpected failure (a bug, an unreachable file system, a Spark error): see the log file. */
  public static final int CRASHED = 1;
  /** Bad command line, configuration or rule file: nothing was read or written. */
  public static final int BAD_CONFIGURATION = 2;
  /** The run finished but a data check failed (e.g. too many rows quarantined); later stages did not run. */
  public static final int FAILED_CHECKS = 3;

  private ExitCode() {}
}
