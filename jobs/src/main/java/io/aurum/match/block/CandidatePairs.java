package io.aurum.match.block;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Candidate pairs from blocking rules, never all pairs: for each rule, records sharing all its key values form a
 * block, and every two records of a block are a pair; the {@link MinHashRule}, if any, adds pairs whose records
 * share a MinHash band and whose shingle sets are close. A block larger than {@code maxBlockSize} (a placeholder
 * value, a call centre's phone) is not expanded; it is returned in {@link Result#oversizedBlocks()} instead, so
 * one shared value can neither slow the job down nor exhaust memory. Pairs of all rules are deduplicated; each
 * remembers the rules that found it.
 */
public final class CandidatePairs {
  /** Column holding a record's unique id ({@code source:source_id}). */
  public static final String ID = "record_id";
  /**
   * Column holding a record's number, added by {@link #numbered}: pairs are generated, deduplicated and joined on it,
   * a long being far cheaper to hash than the id, and its order is the order of the ids.
   */
  public static final String NUMBER = "record_number";
  /** Column of {@link Result#bandKeys()}: a record's MinHash band keys, an array of longs. */
  public static final String BAND_KEYS = "band_keys";
  /** Column of {@link Result#bandKeys()}: a hash of the text the record's band keys come from. */
  public static final String TEXT_HASH = "text_hash";
  static final String KEY = "_block_key";
  private static final String RULE = "_rule_index";

  /**
   * @param pairs           {@code record_number_l < record_number_r}, {@code blocked_by} (names of the rules)
   * @param oversizedBlocks {@code rule}, {@code block_key}, {@code records}: blocks left unexpanded
   * @param bandKeys        {@code record_id}, {@link #TEXT_HASH}, {@link #BAND_KEYS} of the records MinHash hashed
   *                        here (all of them, or the changed ones), for {@link #touching} on a later night; null
   *                        without a MinHash rule
   */
  public record Result(Dataset<Row> pairs, Dataset<Row> oversizedBlocks, Dataset<Row> bandKeys) {}

  private CandidatePairs() {}

  /**
   * {@code records} with {@link #NUMBER}: unique within the dataset, in no particular order (not that of
   * {@code record_id}: pairs are oriented by id when their values are joined, see {@code ComparisonVectors}), not
   * across datasets or runs. The result is materialised (a local checkpoint): recomputed, a plan could number the
   * records differently, and every plan reading it must agree.
   */
  public static Dataset<Row> numbered(Dataset<Row> records) {
    return records.withColumn(NUMBER, monotonically_increasing_id()).localCheckpoint();
  }

  /** {@code pairs} with {@code record_id_l} and {@code record_id_r} looked up in {@code records} by number. */
  public static Dataset<Row> withIds(Dataset<Row> pairs, Dataset<Row> records) {
    return pairs
        .join(records.select(col(NUMBER).as(NUMBER + "_l"), col(ID).as(ID + "_l")), NUMBER + "_l")
        .join(records.select(col(NUMBER).as(NUMBER + "_r"), col(ID).as(ID + "_r")), NUMBER + "_r");
  }

  /**
   * @param records {@link #numbered} records with the key columns of the rules
   * @param minHash the fuzzy rule, or null for exact keys only
   */
  public static Result generate(Dataset<Row> records, List<BlockingRule> rules, MinHashRule minHash,
                                long maxBlockSize) {
    return generate(records, null, null, rules, minHash, maxBlockSize);
  }

  /**
   * The pairs an incremental night needs: those with at least one record in {@code changed} (new or changed records,
   * a subset of {@code records}), found exactly as {@link #generate} would find them in {@code records}. Only the
   * blocks holding a changed record are sized and reported in {@link Result#oversizedBlocks()}. MinHash hashes only
   * the changed records: the other records' bands are looked up in {@code storedBandKeys}, the
   * {@link Result#bandKeys()} of earlier nights (a row whose text hash is not the record's any more is ignored, and
   * a record may have rows from several nights).
   */
  public static Result touching(Dataset<Row> records, Dataset<Row> changed, Dataset<Row> storedBandKeys,
                                List<BlockingRule> rules, MinHashRule minHash, long maxBlockSize) {
    return generate(records, changed, storedBandKeys, rules, minHash, maxBlockSize);
  }

  /** All pairs when {@code changed} is null, else only those with a record in it. */
  private static Result generate(Dataset<Row> records, Dataset<Row> changed, Dataset<Row> storedBandKeys,
                                 List<BlockingRule> rules, MinHashRule minHash, long maxBlockSize) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("no blocking rules");
    }
    List<BlockKind> kinds = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      kinds.add(new BlockKind(i, rules.get(i).name(), rules.get(i).maxBlockSize(maxBlockSize)));
    }
    Result all = null;
    if (changed == null) {
      for (int i = 0; i < rules.size(); i++) {
        all = union(all, expand(keyed(records, rules.get(i)), kinds.get(i)));
      }
    } else {
      all = touchedPairs(touchedBlocks(records, changed, rules), changed, kinds);
    }
    // Every kind a pair can be blocked by, in bit order: the exact rules', then the MinHash rule's.
    List<BlockKind> blockedByKinds = new ArrayList<>(kinds);
    if (minHash != null) {
      BlockKind kind = new BlockKind(kinds.size(), minHash.name(), minHash.maxBlockSize());
      blockedByKinds.add(kind);
      all = union(all, changed == null ? minHashPairs(records, minHash, kind)
          : minHashPairsTouching(records, changed, storedBandKeys, minHash, kind));
    }
    // One bit per rule: a hash aggregation of longs, where collecting rule names would need an object aggregation.
    Column mask = col("_rules");
    Column blockedBy = filter(array(blockedByKinds.stream().map(k -> lit(k.name())).toArray(Column[]::new)),
        (name, i) -> call_function("shiftright", mask, i).bitwiseAND(1).equalTo(1));
    return new Result(all.pairs().groupBy(NUMBER + "_l", NUMBER + "_r").agg(bit_or(col("_rule")).as("_rules"))
        .select(col(NUMBER + "_l"), col(NUMBER + "_r"), array_sort(blockedBy).as("blocked_by")), all.oversizedBlocks(),
        all.bandKeys());
  }

  /** The MinHash rule's pairs among all records. */
  private static Result minHashPairs(Dataset<Row> records, MinHashRule minHash, BlockKind kind) {
    // Read several times below (block sizes, both sides of a band, both sides of a pair), and Spark cannot reuse the
    // work of MLlib's hashing between plans: computed once here, not once per reference.
    Dataset<Row> signatures = minHash.signatures(records).localCheckpoint();
    Result banded = expand(MinHashRule.bandRows(signatures), kind);
    return new Result(minHash.closeEnough(banded.pairs().distinct(), signatures), banded.oversizedBlocks(),
        signatures.select(ID, TEXT_HASH, BAND_KEYS));
  }

  /**
   * The MinHash rule's pairs holding a changed record: only the changed records are hashed; the members of their
   * bands come from the stored band keys, and only the paired records' shingles are computed for the distance.
   */
  private static Result minHashPairsTouching(Dataset<Row> records, Dataset<Row> changed, Dataset<Row> stored,
                                             MinHashRule minHash, BlockKind kind) {
    Dataset<Row> signatures = minHash.signatures(changed).localCheckpoint();
    Dataset<Row> probe = MinHashRule.bandRows(signatures);
    // A changed record whose text did not change is found in the stored rows too. Materialised: the pairs and the
    // block sizes both read it.
    Dataset<Row> members = minHash.storedBandRows(stored, probe, records).unionByName(probe).distinct()
        .withColumn(RULE, lit(kind.bit())).localCheckpoint();
    Result banded = touchedPairs(members, changed, List.of(kind));
    Dataset<Row> pairs = banded.pairs().distinct().localCheckpoint();
    Dataset<Row> paired = pairs.select(col(NUMBER + "_l").as(NUMBER))
        .unionByName(pairs.select(col(NUMBER + "_r").as(NUMBER))).distinct();
    Dataset<Row> shingles = minHash.shingles(records.join(broadcast(paired), NUMBER));
    return new Result(minHash.closeEnough(pairs, shingles), banded.oversizedBlocks(),
        signatures.select(ID, TEXT_HASH, BAND_KEYS));
  }

  /** {@code record_number}, {@code _block_key} of the records that have every key of the rule. */
  private static Dataset<Row> keyed(Dataset<Row> records, BlockingRule rule) {
    return records.where(allKeysPresent(rule)).select(col(NUMBER), joinedKeys(rule).as(KEY));
  }

  /** The rule's block key, or null when one of its key values is missing or empty. */
  private static Column blockKey(BlockingRule rule) {
    return when(allKeysPresent(rule), joinedKeys(rule));
  }

  private static Column allKeysPresent(BlockingRule rule) {
    Column allPresent = lit(true);
    for (String k : rule.keys()) {
      allPresent = allPresent.and(col(k).isNotNull()).and(col(k).cast("string").notEqual(""));
    }
    return allPresent;
  }

  private static Column joinedKeys(BlockingRule rule) {
    return concat_ws("\u001f", rule.keys().stream().map(k -> col(k).cast("string")).toArray(Column[]::new));
  }

  /**
   * {@code _rule_index} (the rule's index), {@code record_number}, {@code _block_key} of every record in a block
   * that holds a {@code changed} record, for all rules in one pass over {@code records}, materialised: sizing,
   * reporting and expanding those blocks then never reads the population again.
   */
  private static Dataset<Row> touchedBlocks(Dataset<Row> records, Dataset<Row> changed, List<BlockingRule> rules) {
    Dataset<Row> probeKeys = null;
    Column[] ruleKeys = new Column[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      Dataset<Row> keys = keyed(changed, rules.get(i)).select(lit(i).as(RULE), col(KEY));
      probeKeys = probeKeys == null ? keys : probeKeys.unionByName(keys);
      ruleKeys[i] = struct(lit(i).as(RULE), blockKey(rules.get(i)).as(KEY));
    }
    return records.select(col(NUMBER), explode(array(ruleKeys)).as("_keys"))
        .select(col(NUMBER), col("_keys." + RULE).as(RULE), col("_keys." + KEY).as(KEY))
        .join(broadcast(probeKeys.distinct()), new String[] {RULE, KEY})
        .localCheckpoint();
  }

  /** A kind of block (a rule's): its bit in a pair's rules, the name it is reported by, its size cap. */
  private record BlockKind(int bit, String name, long maxBlockSize) {}

  /**
   * The pairs holding a {@code changed} record in {@code touched} ({@code _rule_index}, the {@link BlockKind#bit},
   * {@code _block_key}, {@code record_number} of every record in a block that holds a changed record), and the
   * touched blocks above their cap: blocks of all kinds at once, a block being a kind and a key, so the few records
   * of an incremental night need a handful of Spark stages, not a handful per rule.
   */
  private static Result touchedPairs(Dataset<Row> touched, Dataset<Row> changed, List<BlockKind> kinds) {
    Column rule = col(RULE);
    Column cap = byKind(kinds, BlockKind::maxBlockSize);
    // Materialised: the pairs and the oversized blocks both read the sizes.
    Dataset<Row> sized = touched.withColumn("_size", count(lit(1)).over(Window.partitionBy(RULE, KEY)))
        .localCheckpoint();
    Dataset<Row> members = sized.where(col("_size").leq(cap)).select(RULE, KEY, NUMBER);
    Column l = col(NUMBER + "_l");
    Column r = col(NUMBER + "_r");
    Dataset<Row> left = members.join(broadcast(changed.select(NUMBER)), NUMBER)
        .select(col(RULE), col(KEY), col(NUMBER).as(NUMBER + "_l"));
    Dataset<Row> right = members.select(col(RULE).as(RULE + "_r"), col(KEY).as(KEY + "_r"),
        col(NUMBER).as(NUMBER + "_r"));
    Dataset<Row> pairs = left.join(right, rule.equalTo(col(RULE + "_r")).and(col(KEY).equalTo(col(KEY + "_r")))
            .and(l.notEqual(r)))
        .select(least(l, r).as(NUMBER + "_l"), greatest(l, r).as(NUMBER + "_r"),
            call_function("shiftleft", lit(1L), rule).as("_rule"));
    Dataset<Row> oversized = sized.where(col("_size").gt(cap))
        .select(byKind(kinds, BlockKind::name).as("rule"), col(KEY).cast("string").as("block_key"),
            col("_size").cast("long").as("records"))
        .distinct();
    return new Result(pairs, oversized, null);
  }

  /** {@code value} of the kind of block whose bit is in {@code _rule_index}. */
  private static Column byKind(List<BlockKind> kinds, Function<BlockKind, Object> value) {
    return element_at(map(kinds.stream().flatMap(k -> Stream.of(lit(k.bit()), lit(value.apply(k))))
        .toArray(Column[]::new)), col(RULE));
  }

  /** Every two records of a block of this kind within its size cap, and the blocks above it. */
  private static Result expand(Dataset<Row> keyed, BlockKind kind) {
    // Sized by a window, not an aggregate joined back: the members come out partitioned and sorted by key, as the
    // self-join below needs them, so each rule's records are shuffled once.
    Dataset<Row> members = keyed.withColumn("_size", count(lit(1)).over(Window.partitionBy(KEY)))
        .where(col("_size").leq(kind.maxBlockSize())).drop("_size");
    Column l = col(NUMBER + "_l");
    Column r = col(NUMBER + "_r");
    Dataset<Row> left = members.select(col(KEY), col(NUMBER).as(NUMBER + "_l"));
    Dataset<Row> right = members.select(col(KEY).as(KEY + "_r"), col(NUMBER).as(NUMBER + "_r"));
    Dataset<Row> pairs = left.join(right, col(KEY).equalTo(col(KEY + "_r")).and(l.lt(r))).select(l, r);
    Dataset<Row> oversized = keyed.groupBy(KEY).count().where(col("count").gt(kind.maxBlockSize()))
        .select(lit(kind.name()).as("rule"), col(KEY).cast("string").as("block_key"), col("count").as("records"));
    return new Result(pairs.withColumn("_rule", lit(1L << kind.bit())), oversized, null);
  }

  private static Result union(Result a, Result b) {
    return a == null ? b
        : new Result(a.pairs().unionByName(b.pairs()), a.oversizedBlocks().unionByName(b.oversizedBlocks()),
            a.bandKeys() != null ? a.bandKeys() : b.bandKeys());
  }
}
