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
  /** {@link #rows} as the last boundary left them (or as given): while they are the same, nothing was projected. */
  private Dataset<Row> atBoundary;
  private final List<String> issueColumns = new ArrayList<>();

  StepwiseProjection(Dataset<Row> rows) {
    this.rows = rows;
    this.atBoundary = rows;
  }

  /** Replaces (or adds) {@code field} with {@code initial}, then runs the transforms over it. */
  StepwiseProjection derive(String field, Column initial, List<Transform> steps) {
    rows = rows.withColumn(field, initial);
    return apply(field, steps);
  }

  /**
   * Puts the code of the steps still to come into a Java method apart from the steps so far (see
   * {@link GeneratedMethodBoundary}); called after each field, so that no generated method grows with the number
   * of fields. Nothing happens when nothing was projected since the last boundary (a field without transforms):
   * with a boundary after each of the customers' fields and nothing between them, Spark's optimizer ran for more
   * than 20 minutes on a one-row plan.
   */
  StepwiseProjection endGeneratedMethod() {
    if (rows != atBoundary) {
      rows = GeneratedMethodBoundary.after(rows);
      atBoundary = rows;
    }
    return this;
  }

  /** Runs the transforms over {@code field}; each sees the table's other columns as they are at that point. */
  StepwiseProjection apply(String field, List<Transform> steps) {
    return run(field, field, steps, null);
  }

  /** Runs the transforms over {@code column}, naming their issues after {@code field}. */
  StepwiseProjection apply(String column, String field, List<Transform> steps) {
    return run(column, field, steps, null);
  }

  /**
   * Runs each variant's transforms over {@code field} on the rows its condition selects (the conditions must
   * not overlap and together cover every row). Each variant works on a column of its own, which may change
   * type (a text parsed into a date) without meeting the values of rows still to be parsed; issues and extra
   * columns are recorded only on the variant's rows.
   */
  StepwiseProjection applyByRows(String field, List<Variant> variants) {
    Column merged = null;
    List<String> columns = new ArrayList<>();
    for (Variant v : variants) {
      String column = "_" + field + "_" + columns.size();
      columns.add(column);
      rows = rows.withColumn(column, when(v.rows(), col(field)));
      run(column, field, v.steps(), v.rows());
      merged = merged == null ? when(v.rows(), col(column)) : merged.when(v.rows(), col(column));
    }
    rows = rows.withColumn(field, merged).drop(columns.toArray(String[]::new));
    return this;
  }

  /** Transforms of one field for the rows a condition selects. */
  record Variant(Column rows, List<Transform> steps) {}

  /**
   * Runs the transforms over {@code column}, naming their issues after {@code field}; issues and extra columns
   * apply where {@code where} holds (everywhere if null).
   */
  private StepwiseProjection run(String column, String field, List<Transform> steps, Column where) {
    for (Transform t : steps) {
      Map<String, Column> record = new LinkedHashMap<>();
      Arrays.stream(rows.columns()).forEach(c -> record.put(c, col(c)));
      Step step = t.apply(col(column), field, record);
      step.helpers().forEach((name, c) -> rows = rows.withColumn(name, c));
      Map<String, Column> replaced = new LinkedHashMap<>();
      step.extras().forEach((name, c) -> replaced.put(name, where == null ? c
          : when(where, c).otherwise(Arrays.asList(rows.columns()).contains(name) ? col(name) : lit(null))));
      replaced.put(column, step.value());
      List<Column> out = new ArrayList<>();
      for (String c : record.keySet()) {
        out.add(replaced.containsKey(c) ? replaced.remove(c).as(c) : col(c));
      }
      replaced.forEach((name, c) -> out.add(c.as(name)));
      for (Step.Issue issue : step.issues()) {
        String name = ISSUE_PREFIX + issueColumns.size();
        issueColumns.add(name);
        out.add(when(where == null ? issue.when() : where.and(issue.when()), lit(issue.code())).as(name));
      }
      rows = rows.select(out.toArray(Column[]::new));
    }
    return this;
  }

  /** The table with the codes of every issue found gathered into {@code dq_issues} (an array, no nulls). */
  Dataset<Row> withIssues() {
    return withIssues("dq_issues");
  }

  /** The table with the codes of every issue found gathered into {@code column}. */
  Dataset<Row> withIssues(String column) {
    Column codes = IssueCodes.gather(issueColumns.stream().map(functions::col).toList());
    return rows.withColumn(column, codes).drop(issueColumns.toArray(String[]::new));
  }

  /** The table without issue columns (for derived keys, whose steps are not data checks). */
  Dataset<Row> withoutIssues() {
    return rows.drop(issueColumns.toArray(String[]::new));
  }
}
