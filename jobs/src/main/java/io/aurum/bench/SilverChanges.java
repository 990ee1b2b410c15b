package io.aurum.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.aurum.standardize.StandardizeStage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A night of source updates applied to {@code silver.customers}, for the incremental benchmark: of every 10,000
 * records (picked by a hash of source and id, so the same ones each time) 40 get a new email, 40 move to a new
 * street, 10 are deleted and 10 are sent again under a new id: 1% of the records in all.
 */
public final class SilverChanges {
  private static final String PICK = "_pick";

  private SilverChanges() {}

  public static Dataset<Row> apply(Dataset<Row> silver) {
    Column pick = col(PICK);
    Column newEmail = pick.lt(40);
    Column moved = pick.geq(40).and(pick.lt(80));
    Column street = concat(pick.cast("string"), lit(" Harbour Road"));
    Dataset<Row> updated = silver.withColumn(PICK, pmod(xxhash64(col("source"), col("source_id")), lit(10_000)))
        .withColumn("email", when(newEmail, concat(lit("new."), col("source_id"), lit("@example.org")))
            .otherwise(col("email")))
        .withColumn("email_key", when(newEmail, col("email")).otherwise(col("email_key")))
        .withColumn("email_local", when(newEmail, concat(lit("new."), col("source_id"))).otherwise(col("email_local")))
        .withColumn("street", when(moved, street).otherwise(col("street")))
        .withColumn("street_key", when(moved, lower(street)).otherwise(col("street_key")))
        .withColumn("updated_at", when(pick.lt(80), current_timestamp()).otherwise(col("updated_at")));
    Dataset<Row> kept = updated.where(pick.lt(80).or(pick.geq(90)));
    Dataset<Row> resent = updated.where(pick.geq(90).and(pick.lt(100)))
        .withColumn("source_id", concat(col("source_id"), lit("-resent")));
    return StandardizeStage.withValueHash(kept.unionByName(resent).drop(PICK));
  }
}
