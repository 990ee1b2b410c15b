package io.aurum.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The pipeline's stages in execution order; {@code run --stages} picks a subset by these names. */
public enum Stage {
  INGEST,
  STANDARDIZE,
  MATCH,
  GOLDEN;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Stage> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key().equals(key.trim().toLowerCase(Locale.ROOT))).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(Stage::key).toList();
  }
}
