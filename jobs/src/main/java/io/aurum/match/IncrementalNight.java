package io.aurum.match;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.not;

import io.aurum.lake.Lakehouse;
import io.aurum.match.block.CandidatePairs;
import io.aurum.match.compare.Comparison;
import io.aurum.match.score.FsParameters;
import io.aurum.match.score.ParametersFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What an incremental match night builds on: the last run's clusters (with each record's {@code match_hash}), its
 * pairs and its parameters. {@link #plan} finds tonight's new and changed records (a {@code match_hash} the last
 * run did not see) and the records gone since; the pure functions below carry the last run's pairs over to tonight
 * and find the records whose clusters must be computed again (the others keep their rows in {@code match.clusters}),
 * so that the result equals a full run with the same parameters.
 *
 * @param changed    tonight's records (all match columns) that are new or changed
 * @param dirtyIds   {@code record_id} of the changed and of the removed records: their old pairs are void
 * @param previous   the last run's {@code match.clusters}, as it was before tonight's MERGE into it
 * @param parameters the parameters to score with: pinned in the rules, else those of the last run
 */
public record IncrementalNight(Dataset<Row> changed, Dataset<Row> dirtyIds, Dataset<Row> previous,
                               FsParameters parameters, long changedCount, long removedCount) {
  static final String HASH = "match_hash";
  private static final String ID = CandidatePairs.ID;

  /** Tonight as an incremental night, or empty (having said why) when it must match all records. */
  static Optional<IncrementalNight> plan(Lakehouse lake, MatchRules rules, Dataset<Row> records, long recordCount,
                                         Consumer<String> log) {
    if (!rules.incremental().enabled()) {
      return Optional.empty();
    }
    if (!lake.exists(MatchStage.CLUSTERS) || !lake.exists(MatchStage.PARAMETERS)
        || !List.of(lake.read(MatchStage.CLUSTERS).columns()).contains(HASH)
        || !List.of(lake.read(MatchStage.PARAMETERS).columns()).contains("rules_fingerprint")) {
      log.accept("all records: no earlier match run to build on");
      return Optional.empty();
    }
    if (rules.minHash() != null && !lake.exists(MatchStage.BAND_KEYS)) {
      log.accept("all records: no MinHash band keys of an earlier match run");
      return Optional.empty();
    }
    Dataset<Row> parameterRows = lake.read(MatchStage.PARAMETERS);
    String fingerprint = parameterRows.select(first("rules_fingerprint")).first().getString(0);
    if (!rules.fingerprint().equals(fingerprint)) {
      log.accept("all records: match.conf or the pinned parameters changed since the last match run");
      return Optional.empty();
    }
    Dataset<Row> previous = lake.snapshot(MatchStage.CLUSTERS)
        .select(ID, "cluster_id", "cluster_size", "component_id", HASH);
    // Both nights' ids and hashes meet in one join of two narrow columns; only the few changed records are then
    // picked from the population, which is not shuffled.
    Dataset<Row> dirty = records.select(col(ID), col(HASH).as("_tonight"))
        .join(previous.select(col(ID), col(HASH).as("_last")), new String[] {ID}, "full_outer")
        .where(not(col("_tonight").eqNullSafe(col("_last"))))
        .select(col(ID), col("_tonight").isNull().as("_removed"))
        .localCheckpoint();
    long removedCount = dirty.where(col("_removed")).count();
    long changedCount = dirty.count() - removedCount;
    double fraction = (changedCount + removedCount) / (double) Math.max(1, recordCount);
    if (fraction > rules.incremental().maxChangedFraction()) {
      log.accept(String.format("all records: %,d new or changed and %,d removed records are %.1f%% of %,d, above "
          + "max-changed-fraction %.1f%%", changedCount, removedCount, 100 * fraction, recordCount,
          100 * rules.incremental().maxChangedFraction()));
      return Optional.empty();
    }
    Dataset<Row> changed = records.join(broadcast(dirty.where(not(col("_removed"))).select(ID)), ID)
        .persist(StorageLevel.MEMORY_AND_DISK());
    FsParameters parameters = rules.pinnedParameters() != null
        ? ParametersFile.read(rules.pinnedParameters(), rules.comparisons())
        : parameters(parameterRows.collectAsList(), rules.comparisons());
    log.accept(String.format("incremental: %,d new or changed and %,d removed records (%.2f%% of %,d), scored with "
        + "the parameters of the last run", changedCount, removedCount, 100 * fraction, recordCount));
    return Optional.of(new IncrementalNight(changed, dirty.select(ID), previous, parameters, changedCount,
        removedCount));
  }

  /**
   * The last run's pair rows without those of a dirty record, plus tonight's pairs. The dirty ids (at most
   * max-changed-fraction of the records) are broadcast: the last run's pairs are not shuffled to meet them.
   */
  static Dataset<Row> pairs(Dataset<Row> previousPairs, Dataset<Row> tonight, Dataset<Row> dirtyIds) {
    return previousPairs
        .join(broadcast(dirtyIds.select(col(ID).as(ID + "_l"))), new String[] {ID + "_l"}, "left_anti")
        .join(broadcast(dirtyIds.select(col(ID).as(ID + "_r"))), new String[] {ID + "_r"}, "left_anti")
        .unionByName(tonight);
  }

  /**
   * {@code record_id} of the records whose clusters tonight must recompute: the changed records, and every record
   * of a last-run component that holds a dirty record, a record linked to a changed one tonight ({@code links}:
   * {@code record_id_l}, {@code record_id_r}) or a record of a steward override ({@code overrideIds}). They form
   * whole components of tonight's links: a link between two untouched records is a link of the last run too.
   */
  Dataset<Row> affected(Dataset<Row> links, Dataset<Row> overrideIds) {
    Dataset<Row> seeds = dirtyIds.select(ID)
        .unionByName(links.select(col(ID + "_l").as(ID)))
        .unionByName(links.select(col(ID + "_r").as(ID)))
        .unionByName(overrideIds.select(ID));
    // The seeds and their components are few (tonight's changes and links): broadcast, so that the last run's
    // clusters are not shuffled to meet them.
    Dataset<Row> components = previous.join(broadcast(seeds), ID).select("component_id").distinct();
    return previous.join(broadcast(components), "component_id").select(ID)
        .unionByName(changed.select(ID))
        .distinct();
  }

  void release() {
    changed.unpersist();
  }

  /** Parameters from the rows of {@code match.parameters} (comparison, level, m, u, lambda). */
  static FsParameters parameters(List<Row> rows, List<Comparison> comparisons) {
    Map<String, double[]> m = new LinkedHashMap<>();
    Map<String, double[]> u = new LinkedHashMap<>();
    comparisons.forEach(c -> {
      m.put(c.name(), new double[c.labels().size()]);
      u.put(c.name(), new double[c.labels().size()]);
    });
    double lambda = 0;
    for (Row r : rows) {
      String comparison = r.getAs("comparison");
      int level = r.<Integer>getAs("level");
      m.get(comparison)[level] = r.<Double>getAs("m");
      u.get(comparison)[level] = r.<Double>getAs("u");
      lambda = r.<Double>getAs("lambda");
    }
    return new FsParameters(lambda, m, u);
  }
}
