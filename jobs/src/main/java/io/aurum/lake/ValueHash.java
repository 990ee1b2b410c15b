package io.aurum.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * A 64-bit hash of some columns' values, stored beside a row so that a later run can tell whether the row changed
 * (equal values give equal hashes in every run; a null and an absent value hash alike). Hashed through the row's
 * JSON form, so the hash does not depend on Spark's internal row layout.
 */
public final class ValueHash {
  private ValueHash() {}

  public static Column of(List<String> columns) {
    return xxhash64(to_json(struct(columns.stream().map(c -> col(c)).toArray(Column[]::new))));
  }
}
