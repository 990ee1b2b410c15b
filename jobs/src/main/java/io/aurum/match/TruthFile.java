package io.aurum.match;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A labelled truth: a CSV file with a header whose first three columns are the source, the source id and the id of
 * the real entity the record belongs to (whatever the header calls them); a directory of such part files (as the
 * generator writes at scale) is read whole. Read as {@code source},
 * {@code source_id}, {@code entity_id}; only used to measure, never to train.
 */
public final class TruthFile {
  private TruthFile() {}

  /**
   * @throws IllegalArgumentException when the file is missing or has fewer than three columns
   */
  public static Dataset<Row> read(SparkSession spark, Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("Truth file not found: " + file);
    }
    Dataset<Row> raw = spark.read().option("header", "true").csv(file.toAbsolutePath().toString());
    if (raw.columns().length < 3) {
      throw new IllegalArgumentException("The truth file " + file + " needs three columns: source, source_id, "
          + "entity id");
    }
    return raw.select(raw.col(raw.columns()[0]).as("source"), raw.col(raw.columns()[1]).as("source_id"),
        raw.col(raw.columns()[2]).as("entity_id"));
  }
}
