package io.aurum.standardize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * What one transform made of a field: the new value, the data-quality issues it found (a code and the
 * condition under which a row has it), extra columns it derived (e.g. {@code phone_type}), and helpers:
 * intermediate values its expressions read several times by name ({@code col(name)}), each computed once in a
 * projection of its own before the step's (so a helper may read those before it) and dropped after the step.
 * Spark would otherwise evaluate a value used in several branches of a condition once per use.
 */
public record Step(Column value, List<Issue> issues, Map<String, Column> extras, Map<String, Column> helpers) {

  public Step(Column value, List<Issue> issues, Map<String, Column> extras) {
    this(value, issues, extras, Map.of());
  }

  /** A data-quality issue code, e.g. {@code email.syntax}, and when a row has it. */
  public record Issue(String code, Column when) {}

  public static Step of(Column value) {
    return new Step(value, List.of(), Map.of());
  }

  public static Step of(Column value, Issue issue) {
    return new Step(value, List.of(issue), Map.of());
  }

  /** This step, its expressions reading the helper {@code name} (see the type's description). */
  public Step withHelper(String name, Column helper) {
    Map<String, Column> all = new LinkedHashMap<>(helpers);
    all.put(name, helper);
    return new Step(value, issues, extras, Collections.unmodifiableMap(all));
  }
}
