package io.aurum.standardize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.CanonicalEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Applies the customer pipelines of {@link StandardizeRules} to canonical records, in one projection:
 * each field's transforms are folded into one expression, extra columns (e.g. {@code phone_type}) are
 * added, and every failed check becomes a code in the {@code dq_issues} array. Rows are never dropped.
 */
public final class CustomerStandardizer {
  private CustomerStandardizer() {}

  public static Dataset<Row> apply(Dataset<Row> canonical, StandardizeRules rules) {
    Map<String, Column> record = new LinkedHashMap<>();
    for (String field : CanonicalEntity.CUSTOMERS.fields()) {
      record.put(field, col(field));
    }
    List<Step.Issue> issues = new ArrayList<>();
    Map<String, Column> extras = new LinkedHashMap<>();
    rules.customers().forEach((field, pipeline) -> {
      Step step = fold(col(field), field, pipeline, record);
      issues.addAll(step.issues());
      extras.putAll(step.extras());
      record.put(field, step.value());
    });

    List<Column> out = new ArrayList<>();
    for (String c : canonical.columns()) {
      out.add(record.containsKey(c) ? record.get(c).as(c) : col(c));
    }
    extras.forEach((name, c) -> out.add(c.as(name)));
    out.add(dqIssues(issues).as("dq_issues"));
    return canonical.select(out.toArray(Column[]::new));
  }

  /** Runs one field's pipeline over {@code value}: the final value, and every step's issues and extras. */
  static Step fold(Column value, String field, List<Transform> pipeline, Map<String, Column> record) {
    List<Step.Issue> issues = new ArrayList<>();
    Map<String, Column> extras = new LinkedHashMap<>();
    Column v = value;
    for (Transform t : pipeline) {
      Step step = t.apply(v, field, record);
      v = step.value();
      issues.addAll(step.issues());
      extras.putAll(step.extras());
    }
    return new Step(v, issues, extras);
  }

  /** The codes of the issues whose condition holds, as an array without nulls. */
  static Column dqIssues(List<Step.Issue> issues) {
    if (issues.isEmpty()) {
      return functions.array().cast("array<string>");
    }
    Column[] codes = issues.stream().map(i -> when(i.when(), lit(i.code()))).toArray(Column[]::new);
    return functions.filter(functions.array(codes), Column::isNotNull);
  }
}
