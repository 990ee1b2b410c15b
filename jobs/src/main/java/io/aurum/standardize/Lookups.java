package io.aurum.standardize;

import io.aurum.config.ConfigReader;
import io.aurum.config.RuleCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lookup tables under {@code rules/lookups/<name>.csv}: a header line, then rows of comma-separated values
 * (quoted values allowed, {@code #} lines are comments). Most are {@code key,value} tables whose keys are
 * compared lower-case. Read on the driver.
 */
public final class Lookups {
  private final Path directory;
  private final Map<String, Map<String, String>> loaded = new HashMap<>();

  public Lookups(Path directory) {
    this.directory = directory;
  }

  /** The table's entries; a missing or malformed file is a problem reported at {@code params}' table key. */
  public Map<String, String> table(String name, ConfigReader params) {
    return loaded.computeIfAbsent(name, n -> {
      Map<String, String> out = new LinkedHashMap<>();
      for (RuleCsv.Line line : lines(n, params, "table", List.of("key", "value"))) {
        out.put(line.fields().get(0).toLowerCase(Locale.ROOT), line.fields().get(1));
      }
      return out;
    });
  }

  /**
   * The data lines of {@code rules/lookups/<name>.csv}, each with as many fields as {@code columns} names
   * (used in messages); a missing file or a line of another width is a problem reported at {@code key}.
   */
  public List<RuleCsv.Line> lines(String name, ConfigReader params, String key, List<String> columns) {
    Path file = directory.resolve(name + ".csv");
    if (!name.matches("[a-z0-9_]+") || !Files.isRegularFile(file)) {
      params.problem(key, "lookup table not found: " + file);
      return List.of();
    }
    return RuleCsv.read(file, columns, message -> params.problem(key, message));
  }
}
