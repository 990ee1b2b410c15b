package io.aurum.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of commands that print a report: a table for people or one JSON object for scripts. */
final class ReportFormatOption {
  /** How the report is printed. */
  enum Format { table, json }

  @Option(names = "--format", defaultValue = "table",
      description = "table or json (one JSON object). Default: ${DEFAULT-VALUE}.")
  Format format;

  boolean json() {
    return format == Format.json;
  }
}
