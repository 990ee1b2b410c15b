package io.aurum.match.block;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.broadcast;
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
  private static final String TEXT = "_text";
  private static final int FEATURES = 1 << 20;

  public MinHashRule {
    columns = List.copyOf(columns);
  }

  /**
   * {@code record_number} and {@code _shingles}, the distinct shingles of the record's text. Records missing any of the
   * columns are left out: on a name alone, everyone called John Smith would share every band.
   */
  Dataset<Row> shingles(Dataset<Row> records) {
    return shingled(records).select(CandidatePairs.NUMBER, SHINGLES);
  }

  /**
   * {@link #shingles} with the record's id, {@link CandidatePairs#TEXT_HASH} (a hash of the text the shingles come
   * from) and {@link CandidatePairs#BAND_KEYS} (its {@code bands} band keys): all a later night needs to find the
   * record's bands again without hashing it, as long as its text hash is the same.
   */
  Dataset<Row> signatures(Dataset<Row> records) {
    Dataset<Row> features = new HashingTF().setInputCol(SHINGLES).setOutputCol("_features").setBinary(true)
        .setNumFeatures(FEATURES).transform(shingled(records));
    MinHashLSHModel model = new MinHashLSH().setInputCol("_features").setOutputCol("_hashes")
        .setNumHashTables(bands * rowsPerBand).setSeed(seed).fit(features);
    Column hashes = transform(col("_hashes"), h -> org.apache.spark.ml.functions.vector_to_array(h, "float64").getItem(0));
    Column keys = transform(sequence(lit(0), lit(bands - 1)),
        b -> xxhash64(b, slice(hashes, b.multiply(rowsPerBand).plus(1), lit(rowsPerBand))));
    return model.transform(features).select(col(CandidatePairs.NUMBER), col(CandidatePairs.ID),
        col(CandidatePairs.TEXT_HASH), col(SHINGLES), keys.as(CandidatePairs.BAND_KEYS));
  }

  /** {@code record_number} and {@code _block_key} of {@link #signatures}: one row per record and band. */
  static Dataset<Row> bandRows(Dataset<Row> signatures) {
    return signatures.select(col(CandidatePairs.NUMBER), explode(col(CandidatePairs.BAND_KEYS)).as(CandidatePairs.KEY));
  }

  /**
   * {@link #bandRows} of the {@code records} whose bands {@code stored} ({@code record_id}, text hash, band keys,
   * as {@link #signatures} gave them on an earlier night) lists under one of {@code keys}: only when the record's
   * text still has that hash, so a row of a record changed or gone since is ignored.
   */
  Dataset<Row> storedBandRows(Dataset<Row> stored, Dataset<Row> keys, Dataset<Row> records) {
    String key = CandidatePairs.KEY;
    Dataset<Row> hits = stored.select(col(CandidatePairs.ID), col(CandidatePairs.TEXT_HASH).as("_stored_hash"),
            explode(col(CandidatePairs.BAND_KEYS)).as(key))
        .join(broadcast(keys.select(key).distinct()), key)
        .localCheckpoint();
    // The records of the changed records' bands: few, so broadcast, and the population is not shuffled to them.
    return complete(records).join(broadcast(hits), CandidatePairs.ID)
        .where(xxhash64(text()).equalTo(col("_stored_hash")))
        .select(col(CandidatePairs.NUMBER), col(key));
  }

  /** {@code record_number}, {@code record_id}, text hash and {@code _shingles} of the records with all columns. */
  private Dataset<Row> shingled(Dataset<Row> records) {
    return complete(records).select(col(CandidatePairs.NUMBER), col(CandidatePairs.ID), text().as(TEXT))
        .select(col(CandidatePairs.NUMBER), col(CandidatePairs.ID), xxhash64(col(TEXT)).as(CandidatePairs.TEXT_HASH),
            shingleArray().as(SHINGLES));
  }

  private Dataset<Row> complete(Dataset<Row> records) {
    Column complete = lit(true);
    for (String c : columns) {
      complete = complete.and(length(trim(col(c).cast("string"))).gt(0));
    }
    return records.where(complete);
  }

  private Column text() {
    return trim(lower(concat_ws(" ", columns.stream().map(c -> col(c).cast("string")).toArray(Column[]::new))));
  }

  /** The distinct shingles of the column {@code _text}, which holds {@link #text}. */
  private Column shingleArray() {
    Column text = col(TEXT);
    return array_distinct(transform(sequence(lit(1), greatest(length(text).minus(shingleSize - 1), lit(1))),
        i -> substring(text, i, lit(shingleSize))));
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
