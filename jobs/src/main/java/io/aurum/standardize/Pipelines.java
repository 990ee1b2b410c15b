package io.aurum.standardize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transform pipelines of one canonical entity: the default pipeline of each field, in rule-file order,
 * and the fields each source replaces in its own rule file.
 *
 * @param defaults field to its pipeline
 * @param bySource source name to the fields it overrides (the word {@code defaults} already expanded)
 */
public record Pipelines(Map<String, List<Transform>> defaults, Map<String, Map<String, List<Transform>>> bySource) {
  public static final Pipelines NONE = new Pipelines(Map.of(), Map.of());

  /** The pipelines for one source's records: the defaults, with the fields the source overrides replaced. */
  public Map<String, List<Transform>> forSource(String source) {
    Map<String, List<Transform>> own = bySource.get(source);
    if (own == null) {
      return defaults;
    }
    Map<String, List<Transform>> merged = new LinkedHashMap<>(defaults);
    merged.putAll(own);
    return merged;
  }

  Pipelines withSource(String source, Map<String, List<Transform>> fields) {
    Map<String, Map<String, List<Transform>>> sources = new LinkedHashMap<>(bySource);
    sources.put(source, fields);
    return new Pipelines(defaults, Map.copyOf(sources));
  }
}
