package io.aurum.standardize;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * What one transform made of a field: the new value, the data-quality issues it found (a code and the
 * condition under which a row has it), and extra columns it derived (e.g. {@code phone_type}).
 */
public record Step(Column value, List<Issue> issues, Map<String, Column> extras) {

  /** A data-quality issue code, e.g. {@code email.syntax}, and when a row has it. */
  public record Issue(String code, Column when) {}

  public static Step of(Column value) {
    return new Step(value, List.of(), Map.of());
  }

  public static Step of(Column value, Issue issue) {
    return new Step(value, List.of(issue), Map.of());
  }
}
