package io.aurum.match;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.aurum.lake.Lakehouse;
import io.aurum.lake.TableName;
import io.aurum.lake.ValueHash;
import io.aurum.match.block.CandidatePairs;
import io.aurum.match.cluster.Clusters;
import io.aurum.match.cluster.GreedyClustering;
import io.aurum.match.cluster.InMemoryClusters;
import io.aurum.match.compare.Comparison;
import io.aurum.match.compare.ComparisonVectors;
import io.aurum.match.compare.JaroWinkler;
import io.aurum.match.compare.TermFrequencies;
import io.aurum.match.score.FsParameters;
import io.aurum.match.score.MatchScorer;
import io.aurum.match.score.ParametersFile;
import io.aurum.match.score.Training;
import io.aurum.pipeline.Concurrently;
import io.aurum.pipeline.Progress;
import io.aurum.standardize.StandardizeStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Match: {@code silver.customers} to {@code match.pairs} (scored candidate pairs with every comparison's level
 * and weight), {@code match.review_queue} (pairs between the review and auto-match thresholds),
 * {@code match.clusters} (every record's cluster), {@code match.oversized_blocks}, {@code match.parameters} and
 * {@code match.overrides} (the steward overrides applied and what became of each).
 * Parameters are trained without labels unless pinned in the rules. A full run rebuilds every table; an
 * {@link IncrementalNight} scores only the pairs of new and changed records, with the last run's parameters, and
 * re-clusters only the components they touch.
 */
public final class MatchStage {
  public static final String NAME = "match";
  public static final TableName PAIRS = new TableName("match", "pairs");
  public static final TableName REVIEW_QUEUE = new TableName("match", "review_queue");
  public static final TableName CLUSTERS = new TableName("match", "clusters");
  public static final TableName OVERSIZED_BLOCKS = new TableName("match", "oversized_blocks");
  public static final TableName PARAMETERS = new TableName("match", "parameters");
  public static final TableName OVERRIDES = new TableName("match", "overrides");
  /** Each record's MinHash band keys, for later incremental nights (see {@link CandidatePairs#touching}). */
  public static final TableName BAND_KEYS = new TableName("match", "minhash_band_keys");
  private static final StructType PARAMETER_SCHEMA = StructType.fromDDL("comparison STRING, level INT, "
      + "label STRING, m DOUBLE, u DOUBLE, match_weight DOUBLE, lambda DOUBLE, rules_fingerprint STRING");

  private final SparkSession spark;
  private final Lakehouse lake;
  private final MatchRules rules;
  private final Progress progress;

  public MatchStage(SparkSession spark, Lakehouse lake, MatchRules rules, Progress progress) {
    this.spark = spark;
    this.lake = lake;
    this.rules = rules;
    this.progress = progress;
  }

  /**
   * Silver records with {@code record_id} ({@code source:source_id}), its {@code record_number}, the columns the
   * rules read, {@code match_hash}, a hash of those columns that tells an incremental night which records changed,
   * and the term frequencies of the comparisons that use them.
   */
  public static Dataset<Row> records(Dataset<Row> silver, MatchRules rules) {
    return TermFrequencies.add(population(silver, rules), rules.comparisons());
  }

  /** {@link #records} without term frequencies, which only the compared records need. */
  private static Dataset<Row> population(Dataset<Row> silver, MatchRules rules) {
    List<Column> columns = new ArrayList<>();
    columns.add(concat(col("source"), lit(":"), col("source_id")).as(CandidatePairs.ID));
    columns.add(col("source"));
    columns.add(col("source_id"));
    List<String> ruleColumns = rules.columns().stream().filter(c -> !c.equals("source") && !c.equals("source_id"))
        .toList();
    ruleColumns.forEach(c -> columns.add(col(c)));
    columns.add(ValueHash.of(silver, ruleColumns).as(IncrementalNight.HASH));
    return CandidatePairs.numbered(silver.select(columns.toArray(Column[]::new)));
  }

  /**
   * @param full match all records and train, even when the night could be incremental (see match.conf)
   */
  public MatchResult run(boolean full) {
    long start = System.nanoTime();
    Progress log = progress.timed();
    Consumer<String> say = line -> log.line(String.format("%-11s %s", NAME, line));
    spark.sparkContext().setJobGroup(NAME, "match customers", false);
    JaroWinkler.register(spark);
    List<Comparison> comparisons = rules.comparisons();
    // Materialised by the numbering. Term frequencies are added to all records on a full night, and to the records
    // of tonight's pairs only on an incremental one.
    Dataset<Row> population = population(lake.read(StandardizeStage.CUSTOMERS), rules);
    Dataset<Row> records = null;
    Dataset<Row> vectors = null;
    Dataset<Row> scored = null;
    IncrementalNight night = null;
    try {
      long recordCount = population.count();
      night = full ? null : IncrementalNight.plan(lake, rules, population, recordCount, say).orElse(null);
      // A full night's cached: every rule reads a few of its columns (a checkpoint is read whole, row by row). An
      // incremental night reads only the changed records' blocks and values, from the numbering's checkpoint.
      records = night == null ? TermFrequencies.add(population, comparisons).persist(StorageLevel.MEMORY_AND_DISK())
          : population;
      CandidatePairs.Result candidates = night == null
          ? CandidatePairs.generate(records, rules.blocking(), rules.minHash(), rules.maxBlockSize())
          : CandidatePairs.touching(records, night.changed(), rules.minHash() == null ? null : lake.read(BAND_KEYS),
              rules.blocking(), rules.minHash(), rules.maxBlockSize());
      long oversized = writeOversizedBlocks(candidates.oversizedBlocks(), night != null);
      writeBandKeys(candidates.bandKeys(), night != null);
      Dataset<Row> pairs = candidates.pairs();
      Dataset<Row> compared = records;
      if (night != null) {
        // Few pairs tonight: only their records' values are shuffled to them, not the whole population's.
        // Materialised: the comparisons and the review queue both read it.
        pairs = pairs.localCheckpoint();
        compared = TermFrequencies.add(records.join(broadcast(bothSides(pairs, CandidatePairs.NUMBER).distinct()),
            CandidatePairs.NUMBER), records, comparisons).localCheckpoint();
      }
      // The compared values stay behind: only the review queue needs them, and it joins them back.
      vectors = ComparisonVectors.withoutValues(ComparisonVectors.compare(pairs, compared, comparisons),
          comparisons).persist(StorageLevel.MEMORY_AND_DISK());
      Map<String, Long> perRule = new TreeMap<>();
      vectors.select(explode(col("blocked_by")).as("rule")).groupBy("rule").count().collectAsList()
          .forEach(r -> perRule.put(r.getString(0), r.getLong(1)));
      long candidateCount = perRule.isEmpty() ? 0 : vectors.count();
      say.accept(String.format("records %,d  candidate pairs %,d  oversized blocks %,d  per rule %s",
          recordCount, candidateCount, oversized, perRule));
      FsParameters parameters;
      int iterations = 0;
      if (night != null) {
        parameters = night.parameters();
      } else if (rules.pinnedParameters() != null) {
        parameters = ParametersFile.read(rules.pinnedParameters(), comparisons);
        say.accept("parameters pinned in " + rules.pinnedParameters());
      } else {
        Training.Outcome trained = Training.train(records, recordCount, vectors, candidateCount, comparisons,
            rules.blocking(), rules.training(), say);
        parameters = trained.parameters();
        iterations = trained.iterations();
        say.accept(String.format("trained on %,d random pairs (u) and %,d candidate pairs (m): %d EM "
            + "iterations%s, prior %.3g", trained.randomPairs(), candidateCount, iterations,
            trained.converged() ? "" : " (not converged)", parameters.lambda()));
      }
      if (night == null) {
        writeParameters(parameters, comparisons);
      }
      scored = MatchScorer.score(vectors, comparisons, parameters).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> kept = pairColumns(scored.where(col("match_probability").geq(rules.keepProbability())),
          comparisons, false);
      Dataset<Row> forReview = pairColumns(ComparisonVectors.withValues(scored.where(
          col("match_probability").geq(rules.reviewProbability())
              .and(col("match_probability").lt(rules.autoMatchProbability()))), compared, comparisons),
          comparisons, true);
      IncrementalNight incremental = night;
      Concurrently.Both<Long, Long> pairsWritten = Concurrently.both(() -> writePairs(PAIRS, kept, incremental),
          () -> writePairs(REVIEW_QUEUE, forReview, incremental));
      long written = pairsWritten.first();
      long review = pairsWritten.second();
      Dataset<Row> overrides = rules.overrides().rows(spark);
      if (night == null) {
        Dataset<Row> clusters = cluster(records, recordCount, scored, overrides, say);
        ensureClusterChangeFeed(clusters.schema());
        lake.overwrite(clusters, CLUSTERS);
      } else {
        lake.enableChangeFeed(CLUSTERS);
        writeClusterChanges(recomputedClusters(night, records, scored, overrides, say), night);
      }
      auditOverrides(overrides, say);
      // Each record counts for 1/size of its cluster, so the clusters are counted in one pass, without the shuffle
      // of a distinct count (the sum of a million such doubles is within 1e-6 of the whole number).
      Row counts = lake.read(CLUSTERS).agg(sum(lit(1.0).divide(col("cluster_size"))),
          sum(when(col("cluster_size").gt(1), 1).otherwise(0))).first();
      long clusterCount = counts.isNullAt(0) ? 0 : Math.round(counts.getDouble(0));
      long linked = counts.isNullAt(1) ? 0 : counts.getLong(1);
      MatchResult result = new MatchResult(recordCount, night == null ? recordCount : night.changedCount(),
          candidateCount, perRule, oversized, written, review, clusterCount, linked, parameters.lambda(), iterations,
          (System.nanoTime() - start) / 1e9);
      say.accept(String.format("pairs written %,d  review queue %,d  clusters %,d (%,d records linked)  %.1f s",
          written, review, clusterCount, linked, result.seconds()));
      return result;
    } finally {
      if (records != null) {
        records.unpersist();
      }
      if (vectors != null) {
        vectors.unpersist();
      }
      if (scored != null) {
        scored.unpersist();
      }
      if (night != null) {
        night.release();
      }
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * The {@link #clusterRows} of the clusters tonight's changes touch, from the last run's: the records of every
   * component they touch are clustered again over the links among them (tonight's pairs, and the last run's pairs
   * kept in {@code match.pairs}, which must be written first); every other record keeps its cluster.
   */
  private Dataset<Row> recomputedClusters(IncrementalNight night, Dataset<Row> records, Dataset<Row> scored,
                                          Dataset<Row> overrides, Consumer<String> say) {
    String id = CandidatePairs.ID;
    Dataset<Row> links = scored.where(col("match_probability").geq(rules.autoMatchProbability()))
        .select(id + "_l", id + "_r");
    Dataset<Row> overrideIds = bothSides(overrides, CandidatePairs.ID);
    if (lake.exists(OVERRIDES)) {
      // Last night's overrides too: a removed must-link no longer holds its records together.
      overrideIds = overrideIds.unionByName(bothSides(lake.read(OVERRIDES), CandidatePairs.ID));
    }
    Dataset<Row> affected = night.affected(links, overrideIds).localCheckpoint();
    long affectedCount = affected.count();
    say.accept(String.format("clusters recomputed for %,d records of the components tonight's changes touch",
        affectedCount));
    // The changed records' components: a small share of the population on an incremental night, so broadcast
    // and the population is not shuffled to meet them.
    affected = broadcast(affected);
    Dataset<Row> pairs = lake.read(PAIRS).select(id + "_l", id + "_r", "match_probability");
    Dataset<Row> affectedPairs = pairs.join(affected.select(col(id).as(id + "_l")), id + "_l")
        .join(affected.select(col(id).as(id + "_r")), id + "_r");
    Dataset<Row> affectedRecords = records.join(affected, id).localCheckpoint();
    return cluster(affectedRecords, affectedCount, affectedPairs, overrides, say);
  }

  /**
   * The {@link #clusterRows} of {@code records} ({@code count} of them) clustered over their {@code scored} pairs
   * and the steward's {@code overrides}: in the driver's memory ({@link InMemoryClusters}) when they are at most
   * {@code clustering.in-memory-max-records}, else by Spark ({@link Clusters}). Both give the same clusters.
   */
  private Dataset<Row> cluster(Dataset<Row> records, long count, Dataset<Row> scored, Dataset<Row> overrides,
                               Consumer<String> say) {
    if (count > rules.clustering().inMemoryMaxRecords()) {
      return clusterRows(Clusters.assign(records, scored, overrides, rules.clustering(), say), records);
    }
    String id = CandidatePairs.ID;
    Dataset<Row> kept = records.select(id, "source", "source_id", IncrementalNight.HASH);
    Map<String, Row> byId = new HashMap<>();
    kept.collectAsList().forEach(r -> byId.put(r.getString(0), r));
    List<GreedyClustering.Link> links = new ArrayList<>();
    scored.where(col("match_probability").geq(rules.autoMatchProbability()))
        .select(id + "_l", id + "_r", "match_probability").collectAsList()
        .forEach(r -> links.add(new GreedyClustering.Link(r.getString(0), r.getString(1), r.getDouble(2))));
    List<Row> rows = new ArrayList<>(byId.size());
    for (InMemoryClusters.Assignment a : InMemoryClusters.assign(byId.keySet(), links, rules.overrides(),
        rules.clustering())) {
      Row r = byId.get(a.recordId());
      rows.add(RowFactory.create(a.recordId(), r.get(1), r.get(2), a.clusterId(), a.clusterSize(), a.componentId(),
          r.get(3)));
    }
    say.accept(String.format("clustered in memory: %,d records, %,d links", byId.size(), links.size()));
    StructType schema = new StructType().add(id, DataTypes.StringType).add(kept.schema().apply("source"))
        .add(kept.schema().apply("source_id")).add("cluster_id", DataTypes.StringType)
        .add("cluster_size", DataTypes.LongType).add("component_id", DataTypes.StringType)
        .add(kept.schema().apply(IncrementalNight.HASH));
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Replaces {@code table} (pairs or review queue) with tonight's {@code pairs}, and on an incremental night also the
   * last run's pairs of records that are not dirty ({@link IncrementalNight#pairs}); returns the rows written.
   */
  private long writePairs(TableName table, Dataset<Row> pairs, IncrementalNight night) {
    return lake.overwrite(night == null ? pairs : IncrementalNight.pairs(lake.read(table), pairs, night.dirtyIds()),
        table);
  }

  /**
   * {@code match.clusters} carries Delta's change feed (created with it, or turned on for a table of an earlier
   * version): the golden stage reads from it which records' clusters changed since its last night.
   */
  private void ensureClusterChangeFeed(StructType schema) {
    if (lake.exists(CLUSTERS)) {
      lake.enableChangeFeed(CLUSTERS);
    } else {
      lake.ensureWithChangeFeed(CLUSTERS, schema);
    }
  }

  /** {@code match.clusters} rows: each record's cluster with the record's source, source id and match hash. */
  private static Dataset<Row> clusterRows(Dataset<Row> clusters, Dataset<Row> records) {
    return clusters.join(records.select(CandidatePairs.ID, "source", "source_id", IncrementalNight.HASH),
            CandidatePairs.ID)
        .select(CandidatePairs.ID, "source", "source_id", "cluster_id", "cluster_size", "component_id",
            IncrementalNight.HASH);
  }

  /**
   * One MERGE into {@code match.clusters}: the recomputed records' rows updated or inserted, the removed records'
   * rows deleted; every other row stays as it is (with deletion vectors, its data file is not rewritten).
   */
  private void writeClusterChanges(Dataset<Row> recomputed, IncrementalNight night) {
    String id = CandidatePairs.ID;
    Dataset<Row> removed = night.dirtyIds().join(recomputed.select(id), new String[] {id}, "left_anti")
        .select(col(id), lit(true).as("_removed"));
    lake.merge(CLUSTERS, recomputed.withColumn("_removed", lit(false)).unionByName(removed, true),
            "t.record_id = s.record_id")
        .whenMatched("s._removed").delete()
        .whenMatched("NOT (t.cluster_id <=> s.cluster_id AND t.cluster_size <=> s.cluster_size "
            + "AND t.component_id <=> s.component_id AND t.match_hash <=> s.match_hash)").updateAll()
        .whenNotMatched("NOT s._removed").insertAll()
        .execute();
  }

  /** {@code column} ({@code record_id} or {@code record_number}) of both records of each pair, as one column. */
  private static Dataset<Row> bothSides(Dataset<Row> pairs, String column) {
    return pairs.select(col(column + "_l").as(column)).unionByName(pairs.select(col(column + "_r").as(column)));
  }

  /**
   * Full runs replace the band keys; an incremental night appends those of its changed records (their earlier rows
   * stay, and are ignored once the record's text changed). Written before the clusters: a night that fails after
   * this finds the same records changed again, and duplicate rows are harmless.
   */
  private void writeBandKeys(Dataset<Row> bandKeys, boolean incremental) {
    if (bandKeys != null) {
      if (incremental) {
        lake.append(bandKeys, BAND_KEYS);
      } else {
        lake.overwrite(bandKeys, BAND_KEYS);
      }
    }
  }

  /**
   * Full runs replace the report; an incremental night updates the blocks it sized (those of changed records).
   * Returns the blocks the report holds.
   */
  private long writeOversizedBlocks(Dataset<Row> tonight, boolean incremental) {
    if (!incremental || !lake.exists(OVERSIZED_BLOCKS)) {
      return lake.overwrite(tonight, OVERSIZED_BLOCKS);
    }
    Dataset<Row> sized = tonight.localCheckpoint();
    // The rows written are the table's rows: it is replaced whole.
    return lake.overwrite(lake.read(OVERSIZED_BLOCKS).join(sized.select("rule", "block_key"),
        new String[] {"rule", "block_key"}, "left_anti").unionByName(sized), OVERSIZED_BLOCKS);
  }

  /**
   * {@code match.overrides}: every steward override of this run and what became of it: linked / apart (honoured),
   * record not found (one of its records is not in silver tonight) or not honoured (a must-link pair the
   * cluster size limit or a conflicting cannot-link kept apart).
   */
  private void auditOverrides(Dataset<Row> overrides, Consumer<String> say) {
    Dataset<Row> clusters = lake.read(CLUSTERS);
    String id = CandidatePairs.ID;
    Dataset<Row> audit = overrides
        .join(clusters.select(col(id).as(id + "_l"), col("cluster_id").as("cluster_l")), new String[] {id + "_l"}, "left")
        .join(clusters.select(col(id).as(id + "_r"), col("cluster_id").as("cluster_r")), new String[] {id + "_r"}, "left")
        .withColumn("status", when(col("cluster_l").isNull().or(col("cluster_r").isNull()), "record not found")
            .when(col("kind").equalTo("must_link").and(col("cluster_l").equalTo(col("cluster_r"))), "linked")
            .when(col("kind").equalTo("cannot_link").and(col("cluster_l").notEqual(col("cluster_r"))), "apart")
            .otherwise("not honoured"))
        .select("kind", id + "_l", id + "_r", "reason", "location", "status");
    if (lake.overwriteUnlessEmpty(audit, OVERRIDES, rules.overrides().isEmpty()) == 0) {
      return;
    }
    Map<String, Long> byStatus = new TreeMap<>();
    lake.read(OVERRIDES).groupBy("kind", "status").count().collectAsList()
        .forEach(r -> byStatus.put(r.getString(0) + " " + r.getString(1), r.getLong(2)));
    say.accept("steward overrides " + byStatus);
  }

  /** Pair ids, the rules that found the pair, levels and weights; with the compared values for review. */
  private static Dataset<Row> pairColumns(Dataset<Row> scored, List<Comparison> comparisons, boolean values) {
    List<Column> out = new ArrayList<>(List.of(col(CandidatePairs.ID + "_l"), col(CandidatePairs.ID + "_r"),
        col("match_probability"), col("match_weight"), col("blocked_by")));
    comparisons.forEach(c -> {
      out.add(col(c.gammaColumn()));
      out.add(col(c.weightColumn()));
    });
    if (values) {
      for (String c : ComparisonVectors.columns(comparisons)) {
        out.add(col(c + "_l"));
        out.add(col(c + "_r"));
      }
    }
    return scored.select(out.toArray(Column[]::new));
  }

  private void writeParameters(FsParameters p, List<Comparison> comparisons) {
    List<Row> rows = new ArrayList<>();
    String fingerprint = rules.fingerprint();
    for (Comparison c : comparisons) {
      List<String> labels = c.labels();
      for (int level = 0; level < labels.size(); level++) {
        rows.add(RowFactory.create(c.name(), level, labels.get(level), p.m().get(c.name())[level],
            p.u().get(c.name())[level], p.weight(c.name(), level), p.lambda(), fingerprint));
      }
    }
    lake.overwrite(spark.createDataFrame(rows, PARAMETER_SCHEMA), PARAMETERS);
    lake.writeText("_match/parameters.conf", ParametersFile.render(p, comparisons));
  }
}
