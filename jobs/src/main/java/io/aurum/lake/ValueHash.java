package io.aurum.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * A 64-bit hash of some columns' values, stored beside a row so that a later run can tell whether the row changed
 * (equal values give equal hashes in every run; a null and an absent column hash alike). Spark's {@code xxhash64}
 * over each non-null value preceded by its column's name, so that a value moved to another column changes the
 * hash; a map is hashed as its entries in order, as {@code xxhash64} takes no maps.
 */
public final class ValueHash {
  private ValueHash() {}

  /** The hash of {@code columns} (at least one) of {@code rows}, in that order. */
  public static Column of(Dataset<Row> rows, List<String> columns) {
    StructType schema = rows.schema();
    List<Column> parts = new ArrayList<>();
    for (String name : columns) {
      Column value = col(name);
      parts.add(when(value.isNotNull(), lit(name)));
      parts.add(schema.apply(name).dataType() instanceof MapType ? map_entries(value) : value);
    }
    return xxhash64(parts.toArray(Column[]::new));
  }
}
