package io.aurum.match.block;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The fuzzy blocking rule of {@code rules/match.conf}: MinHash LSH over character shingles of some text columns,
 * for pairs whose exact keys all carry a typo. Spark MLlib's {@link MinHashLSH} computes {@code bands x rows}
 * min-hashes per record; each band of {@code rows} hashes becomes one block key, so two records become
 * candidates when all hashes of at least one band agree (the usual AND-OR amplification; MLlib's own
 * similarity join uses bands of one hash, whose buckets grow with the population). Pairs are then kept only
 * when the exact Jaccard distance of their shingle sets is at most {@code maxDistance}. A band bucket larger than
 * {@code maxBlockSize} is left unexpanded: common names on common streets fill buckets with look-alikes that are
 * not one person, and the exact-key rules already pair the records that agree.
 */
public record MinHashRule(String name, List<String> columns, int shingleSize, int bands, int rowsPerBand,
                          double maxDistance, long maxBlockSize, long seed) {
  private static final String SHINGLES = "_shingles";
  private static final int FEATURES = 1 << 20;

  public MinHashRule {
    columns = List.copyOf(columns);
  }

  /**
   * {@code record_number} and {@code _shingles}, the distinct shingles of the record's text. Records missing any of the
   * columns are left out: on a name alone, everyone called John Smith would share every band.
   */
  Dataset<Row> shingles(Dataset<Row> records) {
    Column text = trim(lower(concat_ws(" ", columns.stream().map(c -> col(c).cast("string")).toArray(Column[]::new))));
    Column shingles = transform(sequence(lit(1), greatest(length(col("_text")).minus(shingleSize - 1), lit(1))),
        i -> substring(col("_text"), i, lit(shingleSize)));
    Column complete = lit(true);
    for (String c : columns) {
      complete = complete.and(length(trim(col(c).cast("string"))).gt(0));
    }
    return records.where(complete).select(col(CandidatePairs.NUMBER), text.as("_text"))
        .select(col(CandidatePairs.NUMBER), array_distinct(shingles).as(SHINGLES));
  }

  /** {@code record_number} and {@code _block_key}: one row per record and band. */
  Dataset<Row> bandKeys(Dataset<Row> shingles) {
    Dataset<Row> features = new HashingTF().setInputCol(SHINGLES).setOutputCol("_features").setBinary(true)
        .setNumFeatures(FEATURES).transform(shingles);
    MinHashLSHModel model = new MinHashLSH().setInputCol("_features").setOutputCol("_hashes")
        .setNumHashTables(bands * rowsPerBand).setSeed(seed).fit(features);
    Column hashes = transform(col("_hashes"), h -> org.apache.spark.ml.functions.vector_to_array(h, "float64").getItem(0));
    Column keys = transform(sequence(lit(0), lit(bands - 1)),
        b -> xxhash64(b, slice(hashes, b.multiply(rowsPerBand).plus(1), lit(rowsPerBand))));
    return model.transform(features)
        .select(col(CandidatePairs.NUMBER), explode(keys).as(CandidatePairs.KEY));
  }

  /**
   * The pairs (any columns, with {@code record_number_l}, {@code record_number_r}) whose shingle sets are close
   * enough.
   */
  Dataset<Row> closeEnough(Dataset<Row> pairs, Dataset<Row> shingles) {
    String id = CandidatePairs.NUMBER;
    return pairs
        .join(shingles.select(col(id).as(id + "_l"), col(SHINGLES).as("_s_l")), id + "_l")
        .join(shingles.select(col(id).as(id + "_r"), col(SHINGLES).as("_s_r")), id + "_r")
        .where(jaccardDistance(col("_s_l"), col("_s_r")).leq(maxDistance))
        .drop("_s_l", "_s_r");
  }

  /** 1 - |a ∩ b| / |a ∪ b| of two shingle arrays. */
  private static Column jaccardDistance(Column a, Column b) {
    return lit(1).minus(size(array_intersect(a, b)).divide(size(array_union(a, b))));
  }
}
