package io.aurum.standardize;

import static org.apache.spark.sql.functions.expr;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Applies customer pipelines of {@link StandardizeRules} to canonical records: each field's transforms in
 * order, extra columns they derive (e.g. {@code phone_type}) added, and every failed check a code in the
 * {@code dq_issues} array. Rows are never dropped. Match keys are then added as further columns.
 */
public final class RecordStandardizer {
  private RecordStandardizer() {}

  public static Dataset<Row> apply(Dataset<Row> canonical, Map<String, List<Transform>> pipelines) {
    StepwiseProjection projection = new StepwiseProjection(canonical);
    pipelines.forEach(projection::apply);
    return projection.withIssues();
  }

  /** Adds the match keys in order; each may refer to the standardized fields and to keys before it. */
  public static Dataset<Row> withMatchKeys(Dataset<Row> standardized, List<MatchKey> keys) {
    StepwiseProjection projection = new StepwiseProjection(standardized);
    keys.forEach(key -> projection.derive(key.name(), expr(key.from()), key.steps()));
    return projection.withoutIssues();
  }

  static Dataset<Row> withMatchKey(Dataset<Row> rows, MatchKey key) {
    return new StepwiseProjection(rows).derive(key.name(), expr(key.from()), key.steps()).withoutIssues();
  }
}
