package io.aurum.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.CanonicalEntity;
import io.aurum.config.EntityRule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates the mapping's {@code source_id} on parsed records and decides each record's fate: a record
 * with a reader error keeps it; otherwise one without a source id is rejected as
 * {@link RejectReason#MISSING_SOURCE_ID}; all others are accepted ({@code _error} is null).
 */
public final class RecordClassifier {
  private RecordClassifier() {}

  /** Adds {@code _source_id} and completes {@code _error} / {@code _error_detail}. */
  public static Dataset<Row> classify(Dataset<Row> records, EntityRule rule) {
    String idExpr = rule.mapping().get(CanonicalEntity.SOURCE_ID);
    Dataset<Row> withId = records.withColumn("_source_id", trim(expr(idExpr).cast("string")));
    Column missing = col("_source_id").isNull().or(col("_source_id").equalTo(""));
    Column readerError = col("_error").isNotNull();
    return withId
        .withColumn("_error_detail", when(readerError, col("_error_detail"))
            .when(missing, lit("source_id (" + idExpr + ") is empty")))
        .withColumn("_error", when(readerError, col("_error"))
            .when(missing, lit(RejectReason.MISSING_SOURCE_ID)));
  }
}
