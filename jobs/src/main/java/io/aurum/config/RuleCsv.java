package io.aurum.config;

import io.aurum.ingest.CsvDiagnosis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A CSV file of {@code rules/} (lookup tables, steward overrides): a header line, then rows of comma-separated
 * values (quoted values allowed; blank lines and {@code #} lines are comments). Read on the driver at start-up.
 */
public final class RuleCsv {
  /** One data line: its trimmed fields and where it is ({@code file:line}). */
  public record Line(List<String> fields, String location) {}

  private RuleCsv() {}

  /**
   * The data lines, each with as many fields as {@code columns} names (used in messages); a line of another width
   * or an unreadable file is reported to {@code problem} (with file and line) and left out.
   */
  public static List<Line> read(Path file, List<String> columns, Consumer<String> problem) {
    List<Line> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> fields = CsvDiagnosis.split(line, ',', '"').stream().map(String::strip).toList();
        if (fields.size() != columns.size()) {
          problem.accept(file + ":" + (i + 1) + ": expected " + String.join(",", columns) + ", got "
              + fields.size() + " values");
          continue;
        }
        out.add(new Line(fields, file + ":" + (i + 1)));
      }
    } catch (IOException e) {
      problem.accept("cannot read " + file + ": " + e.getMessage());
    }
    return out;
  }
}
