package io.aurum.standardize;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aurum.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link IssueCodes#gather}: the non-null codes of a row in column order, an empty array for none. */
@ExtendWith(SparkTest.class)
class IssueCodesTest {

  @Test
  void theNonNullCodesInColumnOrder() {
    Dataset<Row> rows = SparkTest.spark().sql("SELECT * FROM VALUES "
        + "(1, CAST(NULL AS STRING), 'phone.invalid', NULL, 'email.syntax'), "
        + "(2, 'birth_date.future', NULL, NULL, NULL), "
        + "(3, NULL, NULL, NULL, NULL) AS t(id, a, b, c, d)");
    List<Column> codes = List.of(col("a"), col("b"), col("c"), col("d"));
    List<Row> gathered = rows.select(col("id"), IssueCodes.gather(codes).as("dq_issues")).orderBy("id")
        .collectAsList();
    assertEquals(List.of("phone.invalid", "email.syntax"), gathered.get(0).getList(1));
    assertEquals(List.of("birth_date.future"), gathered.get(1).getList(1));
    assertEquals(List.of(), gathered.get(2).getList(1), "empty, not null");
  }

  @Test
  void noColumnsGiveAnEmptyArrayOfStrings() {
    Dataset<Row> rows = SparkTest.spark().sql("SELECT 1 AS id").select(IssueCodes.gather(List.of()).as("dq_issues"));
    assertEquals("array<string>", rows.schema().apply("dq_issues").dataType().simpleString());
    assertEquals(List.of(), rows.first().getList(0));
  }
}
