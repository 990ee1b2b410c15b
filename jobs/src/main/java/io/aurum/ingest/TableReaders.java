package io.aurum.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.aurum.config.EntityRule;
import io.aurum.config.JdbcSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Readers of typed sources (Parquet files, JDBC tables) into the same shape as {@link RecordParser}'s
 * output: {@code _file, _file_hash, _row_number, _raw}, the declared columns, {@code _error, _error_detail}.
 * Typed sources cannot be malformed line by line; their raw text is the row as JSON.
 */
public final class TableReaders {
  private TableReaders() {}

  /** Reads the given Parquet files with the declared schema; row numbers come from the file's row index. */
  public static Dataset<Row> parquet(SparkSession spark, EntityRule rule, List<ExtractUnit> files) {
    Dataset<Row> df = spark.read().schema(rule.schema())
        .parquet(files.stream().map(ExtractUnit::location).toArray(String[]::new));
    Column[] hashes = files.stream()
        .flatMap(f -> Stream.of(lit(new Path(f.location()).toUri().toString()), lit(f.contentHash())))
        .toArray(Column[]::new);
    Dataset<Row> withFile = df
        .withColumn("_file", col("_metadata.file_path"))
        .withColumn("_row_number", col("_metadata.row_index").plus(1));
    return shape(withFile.withColumn("_file_hash", functions.element_at(functions.map(hashes), col("_file"))), rule);
  }

  /**
   * Reads a JDBC table or query (with {@code ${run_date}} filled in), partitioned when the rule says so. The
   * rows are persisted so that the fingerprint and the writes see one consistent read of the database.
   *
   * @return the rows, and the unit describing this read (lineage name and row fingerprint)
   */
  public static JdbcRead jdbc(SparkSession spark, EntityRule rule, LocalDate runDate, String password) {
    JdbcSettings j = rule.jdbc();
    DataFrameReader reader = spark.read().format("jdbc")
        .option("url", j.url())
        .option("fetchsize", j.fetchSize());
    if (j.table() != null) {
      reader = reader.option("dbtable", j.table());
    } else {
      reader = reader.option("query", j.query().replace(ExtractFiles.RUN_DATE_TOKEN, runDate.toString()));
    }
    if (j.user() != null) {
      reader = reader.option("user", j.user());
    }
    if (password != null) {
      reader = reader.option("password", password);
    }
    if (j.partitionColumn() != null) {
      reader = reader.option("partitionColumn", j.partitionColumn())
          .option("lowerBound", j.lowerBound()).option("upperBound", j.upperBound())
          .option("numPartitions", j.numPartitions());
    }
    Dataset<Row> loaded = reader.load();
    List<Column> typed = new ArrayList<>();
    for (StructField f : rule.schema().fields()) {
      typed.add(col(f.name()).cast(f.dataType()).as(f.name()));
    }
    Dataset<Row> rows = loaded.select(typed.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    Row fp = rows.agg(functions.count(lit(1)), functions.bit_xor(functions.xxhash64(col("*")))).first();
    String fingerprint = "rows-" + fp.getLong(0) + "-xor-" + Long.toHexString(fp.isNullAt(1) ? 0 : fp.getLong(1));
    ExtractUnit unit = new ExtractUnit(j.lineageName(), fingerprint, -1);
    Dataset<Row> shaped = shape(rows
        .withColumn("_file", lit(unit.location()))
        .withColumn("_file_hash", lit(fingerprint))
        .withColumn("_row_number", lit(null).cast("long")), rule);
    return new JdbcRead(unit, shaped, rows);
  }

  /** One JDBC read: its ledger unit, its shaped rows, and the persisted rows to release when done. */
  public record JdbcRead(ExtractUnit unit, Dataset<Row> rows, Dataset<Row> persisted) {}

  private static Dataset<Row> shape(Dataset<Row> df, EntityRule rule) {
    List<Column> out = new ArrayList<>(List.of(col("_file"), col("_file_hash"), col("_row_number")));
    Column[] declared = Arrays.stream(rule.schema().fieldNames()).map(n -> col("`" + n + "`")).toArray(Column[]::new);
    out.add(to_json(struct(declared)).as("_raw"));
    out.addAll(Arrays.asList(declared));
    out.add(lit(null).cast("string").as("_error"));
    out.add(lit(null).cast("string").as("_error_detail"));
    return df.select(out.toArray(Column[]::new));
  }
}
