package io.aurum.standardize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.KnownNotNull;
import org.apache.spark.sql.catalyst.expressions.KnownNullable;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.StructField;

/**
 * Ends the Java method Spark generates for the projections before it, so that the projections after it go into a
 * method of their own. Returns the same rows and columns.
 *
 * <p>Why: whole-stage code generation compiles a chain of projections into one method. A method of more than 8,000
 * bytes of bytecode is never compiled by HotSpot and runs interpreted for every row. Without boundaries the
 * customers' pipelines gave one method of 23,879 bytes. Spark gives an operator's consumer a method of its own
 * ({@code spark.sql.codegen.splitConsumeFuncByOperator}) when the projection above it reads every column at least
 * twice. This projection reads each column twice, as {@code coalesce(c, c)}, which costs a null check. A column
 * that cannot be null is tagged nullable first, because the optimizer reduces {@code coalesce} of a non-null
 * column to the column alone, and one reference would keep the methods joined; it is tagged non-null again after,
 * so the schema keeps its nullability.
 */
final class GeneratedMethodBoundary {
  private GeneratedMethodBoundary() {}

  static Dataset<Row> after(Dataset<Row> rows) {
    return rows.select(Arrays.stream(rows.schema().fields()).map(GeneratedMethodBoundary::readTwice)
        .toArray(Column[]::new));
  }

  private static Column readTwice(StructField field) {
    Column c = col(field.name());
    if (field.nullable()) {
      return coalesce(c, c).as(field.name());
    }
    Column tagged = ExpressionUtils.column(new KnownNullable(ExpressionUtils.expression(c)));
    return ExpressionUtils.column(new KnownNotNull(ExpressionUtils.expression(coalesce(tagged, tagged))))
        .as(field.name());
  }
}
