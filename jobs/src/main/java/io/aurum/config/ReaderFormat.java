package io.aurum.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a source entity is read. */
public enum ReaderFormat {
  CSV,
  JSON,
  PARQUET,
  JDBC;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for formats read line by line from files (one record per line). */
  public boolean lineOriented() {
    return this == CSV || this == JSON;
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(ReaderFormat::key).toList();
  }
}
