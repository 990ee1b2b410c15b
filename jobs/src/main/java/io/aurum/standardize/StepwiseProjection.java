package io.aurum.standardize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Applies transforms to the columns of a table one step at a time, each step a projection over the previous
 * one. Transforms refer to their input several times (a value and its validity check); materializing every
 * step keeps the plan linear in the number of steps where one nested expression would grow exponentially.
 * Issue codes are collected in temporary columns and gathered into {@code dq_issues} at the end.
 */
final class StepwiseProjection {
  private static final String ISSUE_PREFIX = "_dq_";

  private Dataset<Row> rows;
  private final List<String> issueColumns = new ArrayList<>();

  StepwiseProjection(Dataset<Row> rows) {
    this.rows = rows;
  }

  /** Replaces (or adds) {@code field} with {@code initial}, then runs the transforms over it. */
  StepwiseProjection derive(String field, Column initial, List<Transform> steps) {
    rows = rows.withColumn(field, initial);
    return apply(field, steps);
  }

  /** Runs the transforms over {@code field}; each sees the table's other columns as they are at that point. */
  StepwiseProjection apply(String field, List<Transform> steps) {
    for (Transform t : steps) {
      Map<String, Column> record = new LinkedHashMap<>();
      Arrays.stream(rows.columns()).forEach(c -> record.put(c, col(c)));
      Step step = t.apply(col(field), field, record);
      Map<String, Column> replaced = new LinkedHashMap<>(step.extras());
      replaced.put(field, step.value());
      List<Column> out = new ArrayList<>();
      for (String c : rows.columns()) {
        out.add(replaced.containsKey(c) ? replaced.remove(c).as(c) : col(c));
      }
      replaced.forEach((name, c) -> out.add(c.as(name)));
      for (Step.Issue issue : step.issues()) {
        String name = ISSUE_PREFIX + issueColumns.size();
        issueColumns.add(name);
        out.add(when(issue.when(), lit(issue.code())).as(name));
      }
      rows = rows.select(out.toArray(Column[]::new));
    }
    return this;
  }

  /** The table with the codes of every issue found gathered into {@code dq_issues} (an array, no nulls). */
  Dataset<Row> withIssues() {
    Column codes = issueColumns.isEmpty() ? functions.array().cast("array<string>")
        : functions.filter(functions.array(issueColumns.stream().map(functions::col).toArray(Column[]::new)),
            Column::isNotNull);
    return rows.withColumn("dq_issues", codes).drop(issueColumns.toArray(String[]::new));
  }

  /** The table without issue columns (for derived keys, whose steps are not data checks). */
  Dataset<Row> withoutIssues() {
    return rows.drop(issueColumns.toArray(String[]::new));
  }
}
