package io.aurum.standardize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The transform pipelines of one canonical entity: the default pipeline of each field, in rule-file order,
 * and the fields each source replaces in its own rule file.
 *
 * @param defaults field to its pipeline
 * @param bySource source name to the fields it overrides (the word {@code defaults} already expanded)
 */
public record Pipelines(Map<String, List<Transform>> defaults, Map<String, Map<String, List<Transform>>> bySource) {
  public static final Pipelines NONE = new Pipelines(Map.of(), Map.of());

  /** Every field some source's records are standardized on: the defaults in order, then fields only sources name. */
  public Set<String> fields() {
    Set<String> fields = new LinkedHashSet<>(defaults.keySet());
    new TreeMap<>(bySource).values().forEach(own -> fields.addAll(own.keySet()));
    return fields;
  }

  /** The sources that replace {@code field}'s default pipeline, by name, each with its own pipeline. */
  public Map<String, List<Transform>> overrides(String field) {
    Map<String, List<Transform>> out = new TreeMap<>();
    bySource.forEach((source, own) -> {
      if (own.containsKey(field)) {
        out.put(source, own.get(field));
      }
    });
    return out;
  }

  /** Every field of these pipelines, each with no transforms, and no source's own pipelines. */
  Pipelines withoutTransforms() {
    Map<String, List<Transform>> none = new LinkedHashMap<>();
    fields().forEach(field -> none.put(field, List.of()));
    return new Pipelines(Collections.unmodifiableMap(none), Map.of());
  }

  Pipelines withSource(String source, Map<String, List<Transform>> fields) {
    Map<String, Map<String, List<Transform>>> sources = new LinkedHashMap<>(bySource);
    sources.put(source, fields);
    return new Pipelines(defaults, Map.copyOf(sources));
  }
}
