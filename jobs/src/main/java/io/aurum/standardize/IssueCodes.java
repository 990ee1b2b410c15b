package io.aurum.standardize;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Gathers issue codes into a {@code dq_issues} array. Each code column holds a code or null; the array holds the
 * non-null codes in column order. Built from expressions Spark compiles into the stage's generated code: a
 * {@code filter} with a lambda is evaluated row by row outside it and splits the plan's generated code in two.
 */
final class IssueCodes {
  private static final Column NONE = array().cast("array<string>");

  private IssueCodes() {}

  /** The non-null values of {@code codes}, in order, as an array of strings (empty for no columns). */
  static Column gather(List<Column> codes) {
    if (codes.isEmpty()) {
      return NONE;
    }
    return flatten(array(codes.stream().map(c -> when(c.isNotNull(), array(c)).otherwise(NONE))
        .toArray(Column[]::new)));
  }
}
