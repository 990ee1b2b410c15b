package io.aurum.pipeline;

/** Outcome of a run as stored in {@code ops.runs}. */
public enum RunStatus {
  RUNNING, SUCCEEDED, FAILED_CHECKS, FAILED
}
