package io.aurum.standardize;

import io.aurum.config.ConfigReader;
import io.aurum.ingest.CsvDiagnosis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lookup tables under {@code rules/lookups/<name>.csv}: a header line, then {@code key,value} rows (quoted
 * values allowed, {@code #} lines are comments). Keys are compared lower-case. Read once, on the driver.
 */
public final class Lookups {
  private final Path directory;
  private final Map<String, Map<String, String>> loaded = new HashMap<>();

  public Lookups(Path directory) {
    this.directory = directory;
  }

  /** The table's entries; a missing or malformed file is a problem reported at {@code params}' table key. */
  public Map<String, String> table(String name, ConfigReader params) {
    return loaded.computeIfAbsent(name, n -> read(n, params));
  }

  private Map<String, String> read(String name, ConfigReader params) {
    Path file = directory.resolve(name + ".csv");
    if (!name.matches("[a-z0-9_]+") || !Files.isRegularFile(file)) {
      params.problem("table", "lookup table not found: " + file);
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> fields = CsvDiagnosis.split(line, ',', '"');
        if (fields.size() != 2) {
          params.problem("table", file + ":" + (i + 1) + ": expected key,value, got " + fields.size() + " values");
          continue;
        }
        out.put(fields.get(0).strip().toLowerCase(Locale.ROOT), fields.get(1).strip());
      }
    } catch (IOException e) {
      params.problem("table", "cannot read " + file + ": " + e.getMessage());
    }
    return out;
  }
}
