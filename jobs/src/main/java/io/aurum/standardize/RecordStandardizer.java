package io.aurum.standardize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Applies the pipelines of {@link StandardizeRules} to canonical records of any number of sources in one plan:
 * each field's transforms in order (a source's own pipeline on its rows where its rule file replaces the
 * default), extra columns they derive (e.g. {@code phone_type}) added, and every failed check a code in the
 * {@code dq_issues} array. Rows are never dropped. Match keys are then added as further columns.
 */
public final class RecordStandardizer {
  private RecordStandardizer() {}

  public static Dataset<Row> apply(Dataset<Row> canonical, Pipelines pipelines) {
    StepwiseProjection projection = new StepwiseProjection(canonical);
    for (String field : pipelines.fields()) {
      Map<String, List<Transform>> overrides = pipelines.overrides(field);
      List<Transform> defaults = pipelines.defaults().getOrDefault(field, List.of());
      if (overrides.isEmpty()) {
        projection.apply(field, defaults);
      } else {
        List<StepwiseProjection.Variant> variants = new ArrayList<>();
        variants.add(new StepwiseProjection.Variant(not(col("source").isin(overrides.keySet().toArray())), defaults));
        overrides.forEach((source, steps) ->
            variants.add(new StepwiseProjection.Variant(col("source").equalTo(source), steps)));
        projection.applyByRows(field, variants);
      }
      projection.endGeneratedMethod();
    }
    return projection.withIssues();
  }

  /** Adds the match keys in order; each may refer to the standardized fields and to keys before it. */
  public static Dataset<Row> withMatchKeys(Dataset<Row> standardized, List<MatchKey> keys) {
    StepwiseProjection projection = new StepwiseProjection(standardized);
    keys.forEach(key -> projection.derive(key.name(), expr(key.from()), key.steps()).endGeneratedMethod());
    return projection.withoutIssues();
  }

  static Dataset<Row> withMatchKey(Dataset<Row> rows, MatchKey key) {
    return new StepwiseProjection(rows).derive(key.name(), expr(key.from()), key.steps()).withoutIssues();
  }
}
