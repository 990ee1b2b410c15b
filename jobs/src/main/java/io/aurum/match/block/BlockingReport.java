package io.aurum.match.block;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What blocking yields before anything is scored: the candidate pairs each rule generates (and those only it
 * finds), the blocks left unexpanded, and, given a labelled truth, the share of the true pairs each rule and all
 * rules together find, which bounds the recall of the whole match. True pairs come from the truth's entity sizes
 * and are joined to candidates, never enumerated against all pairs.
 */
public final class BlockingReport {
  private static final String ID = CandidatePairs.ID;

  /**
   * @param pairs          candidate pairs the rule generates
   * @param onlyThisRule   of them, pairs no other rule generates
   * @param truePairsFound of them, pairs of two records of one entity (0 without a truth)
   * @param trueOnlyThisRule of the true pairs found, those no other rule finds (the recall lost without the rule)
   * @param oversized      blocks of this rule left unexpanded
   */
  public record RuleFigures(String rule, long pairs, long onlyThisRule, long truePairsFound, long trueOnlyThisRule,
                            long oversized) {}

  /**
   * @param truePairs      pairs of records of one entity among the records (-1 without a truth)
   * @param truePairsFound of them, candidate pairs
   */
  public record Result(long records, long candidatePairs, List<RuleFigures> rules, long truePairs,
                       long truePairsFound) {
    /** Share of the true pairs that blocking proposes (an upper bound of the match's pairwise recall). */
    public double recall() {
      return truePairs <= 0 ? 1.0 : (double) truePairsFound / truePairs;
    }

    public double recall(RuleFigures rule) {
      return truePairs <= 0 ? 1.0 : (double) rule.truePairsFound() / truePairs;
    }
  }

  private BlockingReport() {}

  /**
   * @param records {@link CandidatePairs#numbered} records: {@code record_id}, {@code source}, {@code source_id}
   *                and the blocking columns
   * @param truth   {@code source}, {@code source_id}, {@code entity_id}, or null
   */
  public static Result of(Dataset<Row> records, List<BlockingRule> rules, MinHashRule minHash, long maxBlockSize,
                          Dataset<Row> truth) {
    CandidatePairs.Result candidates = CandidatePairs.generate(records, rules, minHash, maxBlockSize);
    Dataset<Row> pairs = CandidatePairs.withIds(candidates.pairs(), records);
    Dataset<Row> entities = null;
    if (truth != null) {
      entities = truth.select(concat(col("source"), lit(":"), col("source_id")).as(ID), col("entity_id"))
          .join(records.select(ID), ID).persist(StorageLevel.MEMORY_AND_DISK());
      pairs = pairs
          .join(entities.select(col(ID).as(ID + "_l"), col("entity_id").as("_entity_l")), ID + "_l", "left")
          .join(entities.select(col(ID).as(ID + "_r"), col("entity_id").as("_entity_r")), ID + "_r", "left")
          .withColumn("_true", col("_entity_l").eqNullSafe(col("_entity_r")).and(col("_entity_l").isNotNull()));
    } else {
      pairs = pairs.withColumn("_true", lit(false));
    }
    pairs = pairs.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> oversized = new LinkedHashMap<>();
      candidates.oversizedBlocks().groupBy("rule").count().collectAsList()
          .forEach(r -> oversized.put(r.getString(0), r.getLong(1)));
      Map<String, Row> perRule = new LinkedHashMap<>();
      pairs.select(explode(col("blocked_by")).as("rule"), size(col("blocked_by")).as("_rules"), col("_true"))
          .groupBy("rule").agg(count("*"), sum(when(col("_rules").equalTo(1), 1).otherwise(0)),
              sum(when(col("_true"), 1).otherwise(0)),
              sum(when(col("_true").and(col("_rules").equalTo(1)), 1).otherwise(0)))
          .collectAsList().forEach(r -> perRule.put(r.getString(0), r));
      List<RuleFigures> figures = new ArrayList<>();
      List<String> names = new ArrayList<>(rules.stream().map(BlockingRule::name).toList());
      if (minHash != null) {
        names.add(minHash.name());
      }
      for (String name : names) {
        Row r = perRule.get(name);
        long blocks = oversized.getOrDefault(name, 0L);
        figures.add(r == null ? new RuleFigures(name, 0, 0, 0, 0, blocks)
            : new RuleFigures(name, r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), blocks));
      }
      Row totals = pairs.agg(count("*"), sum(when(col("_true"), 1).otherwise(0))).first();
      long truePairs = -1;
      if (entities != null) {
        Row t = entities.groupBy("entity_id").count()
            .agg(sum(col("count").multiply(col("count").minus(1)).divide(2).cast("long"))).first();
        truePairs = t.isNullAt(0) ? 0 : t.getLong(0);
      }
      return new Result(records.count(), totals.getLong(0), figures, truePairs,
          totals.isNullAt(1) ? 0 : totals.getLong(1));
    } finally {
      pairs.unpersist();
      if (entities != null) {
        entities.unpersist();
      }
    }
  }
}
