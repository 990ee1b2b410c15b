package io.aurum.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a source entity is read, and which reader options each format accepts in its rule file. */
public enum ReaderFormat {
  CSV(List.of("header", "delimiter", "quote", "escape", "trim", "encoding", "null-value", "date-format", "timestamp-format")),
  JSON(List.of("encoding", "date-format", "timestamp-format")),
  PARQUET(List.of()),
  JDBC(List.of());

  private final List<String> optionKeys;

  ReaderFormat(List<String> optionKeys) {
    this.optionKeys = optionKeys;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public List<String> optionKeys() {
    return optionKeys;
  }

  /** True for formats read line by line from files (one record per line). */
  public boolean lineOriented() {
    return this == CSV || this == JSON;
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(ReaderFormat::key).toList();
  }
}
