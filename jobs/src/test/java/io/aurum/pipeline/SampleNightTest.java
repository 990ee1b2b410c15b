package io.aurum.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.AurumConfig;
import io.aurum.config.CanonicalEntity;
import io.aurum.config.ConfigLoader;
import io.aurum.ingest.EntityIngestResult;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.TableName;
import io.aurum.match.ClusterEvaluation;
import io.aurum.match.MatchResult;
import io.aurum.match.MatchRules;
import io.aurum.golden.GoldenResult;
import io.aurum.golden.GoldenStage;
import io.aurum.golden.SurvivorshipRules;
import io.aurum.match.MatchStage;
import io.aurum.match.PairExplanation;
import io.aurum.match.compare.JaroWinkler;
import io.aurum.match.score.FsParameters;
import io.aurum.match.score.ParametersFile;
import io.aurum.testing.SparkTest;
import io.aurum.standardize.StandardizeStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly pipeline on the bundled sample data with the shipped configuration and rules: what a
 * newcomer's {@code scripts/run-nightly} does, into a temporary lakehouse.
 */
@ExtendWith(SparkTest.class)
class SampleNightTest {
  @TempDir
  static Path lakehouse;
  static Pipeline.Result result;
  static Lakehouse lake;

  @BeforeAll
  static void runTheNight() {
    Path conf = Path.of("..", "conf", "application.conf").toAbsolutePath().normalize();
    AurumConfig config = ConfigLoader.load(new ConfigLoader.Request(conf, List.of(), Map.of(),
        Map.of("aurum.lakehouse", lakehouse.toString(), "aurum.run-date", "2026-11-20")));
    result = new Pipeline(SparkTest.spark(), config, Map.of(), Progress.NONE).run(List.of(Stage.values()), false);
    lake = new Lakehouse(SparkTest.spark(), config.lakehouse());
  }

  @Test
  void silverHasOneRowPerAcceptedBronzeCustomerRow() {
    assertEquals(RunStatus.SUCCEEDED, result.status(), String.valueOf(result.failedChecks()));
    Map<String, Long> silver = countBy(lake.read(new TableName("silver", "customers")), "source");
    Map<String, Long> accepted = new TreeMap<>();
    for (EntityIngestResult e : result.ingest().entities()) {
      if (e.entity().equals("customers")) {
        accepted.put(e.source(), e.rowsAccepted());
      }
    }
    assertEquals(4, accepted.size());
    assertEquals(accepted, silver);
    assertEquals(accepted.values().stream().mapToLong(Long::longValue).sum(),
        result.standardize().table(CanonicalEntity.CUSTOMERS).rowsWritten());
  }

  @Test
  void silverOrdersKeepEachOrderOnceConvertedAndFlagged() {
    Dataset<Row> bronze = lake.read(new TableName("bronze", "ecommerce_orders")).selectExpr("_source_id", "status")
        .unionByName(lake.read(new TableName("bronze", "erp_orders")).selectExpr("_source_id", "STATUS AS status"));
    Dataset<Row> orders = lake.read(new TableName("silver", "orders"));
    long bronzeRows = bronze.count();
    long distinctOrders = bronze.select("_source_id").distinct().count();
    assertTrue(bronzeRows > distinctOrders, "the sample re-sends some order lines");
    assertEquals(distinctOrders, orders.count());
    assertEquals(distinctOrders, orders.select("source", "source_id").distinct().count());
    assertEquals(0, orders.where("amount_reporting IS NULL OR reporting_currency <> 'USD' OR size(dq_issues) > 0").count());
    assertEquals(0, orders.where("currency = 'USD' AND amount_reporting <> amount").count());
    // Sample amounts are drawn in USD and converted at about 0.79 GBP and 7.2 CNY per USD.
    assertEquals(0, orders.where("currency = 'GBP' AND abs(amount_reporting * 0.79 / amount - 1) > 0.06").count());
    assertEquals(0, orders.where("currency = 'CNY' AND abs(amount_reporting * 7.2 / amount - 1) > 0.06").count());
    Map<String, Long> flags = countBy(orders.selectExpr("CASE WHEN is_refund THEN 'refund' WHEN is_cancelled "
        + "THEN 'cancel' ELSE status END AS k"), "k");
    Map<String, Long> statuses = countBy(bronze.dropDuplicates("_source_id").selectExpr("CASE lower(status) "
        + "WHEN 'refunded' THEN 'refund' WHEN 'credit_note' THEN 'refund' WHEN 'cancelled' THEN 'cancel' "
        + "WHEN 'void' THEN 'cancel' ELSE lower(status) END AS k"), "k");
    assertEquals(statuses, flags);
  }

  @Test
  void issueCountsPerSourceAreInTheStageMetricsAndMatchTheSilverRows() {
    Dataset<Row> issues = lake.read(new TableName("silver", "customers"))
        .select(col("source"), explode(col("dq_issues")).as("issue"));
    Map<String, Long> fromRows = countBy(issues.selectExpr("concat(source, ' issue.', issue) AS k"), "k");
    Map<String, Long> fromMetrics = new TreeMap<>();
    for (Row r : lake.read(new TableName("ops", "stage_metrics"))
        .where(col("stage").equalTo("standardize").and(col("entity").equalTo("customers"))
            .and(col("metric").startsWith("issue.")))
        .selectExpr("concat(source, ' ', metric)", "CAST(value AS BIGINT)").collectAsList()) {
      fromMetrics.put(r.getString(0), r.getLong(1));
    }
    assertEquals(fromRows, fromMetrics);
    assertTrue(fromMetrics.getOrDefault("crm issue.phone.placeholder", 0L) > 20, fromMetrics.toString());
    assertTrue(fromMetrics.getOrDefault("ecommerce issue.email.placeholder", 0L) > 50, fromMetrics.toString());
  }

  @Test
  void unsupervisedMatchingMeetsTheAccuracyBarsOnTheSample() {
    ClusterEvaluation.Result r = ClusterEvaluation.evaluate(lake.read(MatchStage.CLUSTERS), truth());
    assertEquals(result.match().records(), r.records());
    assertTrue(r.precision() >= 0.98, "pairwise precision " + r.precision());
    assertTrue(r.f1() >= 0.97, "pairwise F1 " + r.f1() + " (recall " + r.recall() + ")");
    assertEquals(0, result.match().emIterations() == 0 ? 1 : 0, "parameters were trained, not pinned");
  }

  /** Households share family name and address, twins also the birth date: different people all the same. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "household|l.family_key = r.family_key AND l.street_key = r.street_key",
      "twins|l.family_key = r.family_key AND l.birth_date = r.birth_date",
      "shared placeholder phone|array_contains(l.dq_issues, 'phone.placeholder') AND array_contains(r.dq_issues, 'phone.placeholder')"})
  void trapsAreNotMerged(String trap, String condition) {
    Dataset<Row> records = lake.read(new TableName("silver", "customers"))
        .join(truth(), new String[] {"source", "source_id"})
        .join(lake.read(MatchStage.CLUSTERS).select("source", "source_id", "cluster_id"), new String[] {"source", "source_id"});
    records.createOrReplaceTempView("trap_records");
    Row counts = SparkTest.spark().sql("SELECT count(*), count_if(l.cluster_id = r.cluster_id) FROM trap_records l "
        + "JOIN trap_records r ON l.source_id < r.source_id AND " + condition + " WHERE l.entity_id <> r.entity_id")
        .first();
    assertTrue(counts.getLong(0) >= 3, "the sample holds " + counts.getLong(0) + " " + trap + " pairs");
    assertEquals(0, counts.getLong(1), trap + " pairs merged");
  }

  @Test
  void explainRecomputesAStoredPairAndSaysWhenBlockingNeverComparesTwoRecords() {
    MatchRules rules = MatchRules.load(Path.of("..", "rules"));
    FsParameters parameters = ParametersFile.read(Path.of(lake.root(), "_match", "parameters.conf"), rules.comparisons());
    JaroWinkler.register(SparkTest.spark());
    Dataset<Row> records = MatchStage.records(lake.read(new TableName("silver", "customers")), rules);
    Row stored = lake.read(MatchStage.PAIRS).orderBy(col("match_probability").desc(), col("record_id_l")).first();
    PairExplanation.Result pair = PairExplanation.explain(records, stored.getString(0), stored.getString(1), rules,
        parameters);
    assertEquals(stored.getDouble(2), pair.matchProbability(), 1e-9);
    assertEquals(stored.getList(4), pair.blockedBy());
    assertEquals(pair.matchWeight(), pair.priorWeight()
        + pair.contributions().stream().mapToDouble(PairExplanation.Contribution::weight).sum(), 1e-9);
    Row ends = records.agg(functions.min("record_id"), functions.max("record_id")).first();
    PairExplanation.Result apart = PairExplanation.explain(records, ends.getString(0), ends.getString(1), rules,
        parameters);
    assertEquals(List.of(), apart.blockedBy());
    assertTrue(apart.matchProbability() < 0.01, "probability " + apart.matchProbability());
  }

  @Test
  void theReviewQueueHoldsThePairsBetweenTheThresholdsWithBothRecordsValues() {
    MatchRules rules = MatchRules.load(Path.of("..", "rules"));
    Dataset<Row> review = lake.read(MatchStage.REVIEW_QUEUE);
    assertEquals(result.match().reviewPairs(), review.count());
    assertTrue(review.count() > 0, "the sample has pairs for a steward");
    assertEquals(0, review.where(col("match_probability").lt(rules.reviewProbability())
        .or(col("match_probability").geq(rules.autoMatchProbability()))).count());
    Dataset<Row> silver = MatchStage.records(lake.read(new TableName("silver", "customers")), rules);
    for (String side : List.of("_l", "_r")) {
      long agreeing = review.join(silver, review.col("record_id" + side).equalTo(silver.col("record_id")))
          .where(review.col("name_key" + side).eqNullSafe(silver.col("name_key"))
              .and(review.col("birth_date" + side).eqNullSafe(silver.col("birth_date"))))
          .count();
      assertEquals(review.count(), agreeing, "values of the " + side + " record");
    }
  }

  @Test
  void oneGoldenRecordPerClusterEveryRecordCrossReferencedAndASecondRunChangesNothing() {
    long clusters = lake.read(MatchStage.CLUSTERS).select("cluster_id").distinct().count();
    assertEquals(clusters, result.match().clusters(), "the clusters the match stage counted");
    assertEquals(clusters, lake.read(GoldenStage.CUSTOMERS).count());
    assertEquals(clusters, result.golden().idEvents().get("created"));
    assertEquals(clusters, lake.read(GoldenStage.ID_EVENTS).join(lake.read(GoldenStage.CUSTOMERS), "golden_id").count(),
        "the ids the events announce are the ids written");
    assertEquals(lake.read(new TableName("silver", "customers")).count(),
        lake.read(GoldenStage.XREF).where("last_seen = DATE'2026-11-20'").count());
    assertEquals(0, lake.read(GoldenStage.CUSTOMERS).where("size(provenance) = 0").count(), "every value has a source");

    GoldenResult again = new GoldenStage(SparkTest.spark(), lake, SurvivorshipRules.load(Path.of("..", "rules")),
        Progress.NONE).run(new RunContext("again", LocalDate.parse("2026-11-20"),
            new Timestamp(System.currentTimeMillis())), false);
    assertEquals(0, again.changed());
    assertEquals(Map.of(), again.idEvents());
    assertEquals(clusters, lake.read(GoldenStage.HISTORY).count(), "no second version");
  }

  /**
   * A night changing about 1% of the records (new emails, records removed, records re-sent under a new id) matches
   * only those records, and its clusters are those of a full run with the same parameters; a rerun scores nothing.
   * Records whose other values changed (a region, which the match rules do not read) are not scored, but their
   * changes reach the golden records.
   */
  @Test
  void anIncrementalNightScoresOnlyItsChangesAndClustersLikeAFullRun(@TempDir Path work) throws IOException {
    Path copy = work.resolve("lakehouse");
    copyTree(lakehouse, copy);
    Lakehouse night = new Lakehouse(SparkTest.spark(), copy.toString());
    TableName silverTable = new TableName("silver", "customers");
    Dataset<Row> silver = night.read(silverTable).withColumn("_pick", functions.expr("pmod(xxhash64(source_id), 100)"))
        .localCheckpoint();
    Dataset<Row> changed = silver.where("_pick = 1")
        .withColumn("email", functions.expr("concat('moved.', source_id, '@example.org')"))
        .withColumn("email_key", col("email"));
    Dataset<Row> resent = silver.where("_pick = 3")
        .withColumn("source_id", functions.concat(col("source_id"), functions.lit("-again")));
    Dataset<Row> revalued = silver.where("_pick = 4")
        .withColumn("region", functions.expr("concat('Region ', source_id)"));
    // As the standardize stage writes them: with the value hashes of the changed values.
    night.overwrite(StandardizeStage.withValueHash(silver.where("_pick NOT IN (1, 2, 4)").unionByName(changed)
        .unionByName(resent).unionByName(revalued).drop("_pick")), silverTable);
    long expectedScored = changed.count() + resent.count();
    assertTrue(expectedScored > 20 && silver.where("_pick = 2").count() > 10 && revalued.count() > 10,
        "the sample gives enough changes");

    Path rules = Path.of("..", "rules");
    long clustersBefore = night.version(MatchStage.CLUSTERS);
    MatchResult incremental = new MatchStage(SparkTest.spark(), night, MatchRules.load(rules), Progress.NONE)
        .run(false);
    assertEquals(expectedScored, incremental.recordsScored());
    assertEquals(0, incremental.emIterations(), "scored with the last run's parameters");
    Dataset<Row> incrementalClusters = night.read(MatchStage.CLUSTERS).select("record_id", "cluster_id")
        .localCheckpoint();
    assertEquals(0, incrementalClusters.where("record_id LIKE '%-again'")
        .join(night.read(MatchStage.CLUSTERS).select(col("record_id").as("original"), col("cluster_id").as("c")),
            functions.expr("original = substring(record_id, 1, length(record_id) - 6)"))
        .where("cluster_id <> c").count(), "a record sent again joins the cluster of its first copy");
    // A night that failed after writing its pairs, review queue and band keys, before its clusters, is run again:
    // it scores the same records and leaves the same pairs and clusters, each pair once.
    Dataset<Row> pairs = night.read(MatchStage.PAIRS).localCheckpoint();
    SparkTest.spark().sql("RESTORE TABLE delta.`" + night.location(MatchStage.CLUSTERS) + "` TO VERSION AS OF "
        + clustersBefore);
    MatchResult again = new MatchStage(SparkTest.spark(), night, MatchRules.load(rules), Progress.NONE).run(false);
    assertEquals(expectedScored, again.recordsScored());
    Dataset<Row> pairsAgain = night.read(MatchStage.PAIRS);
    assertEquals(pairs.count(), pairsAgain.count());
    assertEquals(0, pairs.except(pairsAgain).count() + pairsAgain.except(pairs).count());
    Dataset<Row> clustersAgain = night.read(MatchStage.CLUSTERS).select("record_id", "cluster_id");
    assertEquals(0, incrementalClusters.except(clustersAgain).count()
        + clustersAgain.except(incrementalClusters).count(), "the night run again gives other clusters");
    MatchResult rerun = new MatchStage(SparkTest.spark(), night, MatchRules.load(rules), Progress.NONE).run(false);
    assertEquals(0, rerun.recordsScored());

    // Orders arrive and change every night, also for customers whose records did not change.
    TableName ordersTable = new TableName("silver", "orders");
    Dataset<Row> orders = night.read(ordersTable).withColumn("_pick", functions.expr("pmod(xxhash64(source_id), 20)"))
        .localCheckpoint();
    night.overwrite(orders.where("_pick <> 0").withColumn("amount_reporting", functions.expr(
        "CASE WHEN _pick = 1 THEN amount_reporting * 2 ELSE amount_reporting END").cast("decimal(18,2)")).drop("_pick"),
        ordersTable);

    // The golden night assigns ids within the clusters the night touched; over all clusters they come out the same.
    List<String> lines = new ArrayList<>();
    SurvivorshipRules survivorship = SurvivorshipRules.load(rules);
    GoldenResult golden = new GoldenStage(SparkTest.spark(), night, survivorship, lines::add)
        .run(new RunContext("night-2", LocalDate.parse("2026-11-21"), new Timestamp(System.currentTimeMillis())), false);
    assertTrue(lines.stream().anyMatch(l -> l.contains("golden ids assigned within the clusters of")), lines.toString());
    assertTrue(golden.changed() > 0, "the changed and removed records change their customers");
    Dataset<Row> ids = night.read(GoldenStage.XREF).select("record_id", "golden_id").localCheckpoint();
    Dataset<Row> view = night.read(GoldenStage.CUSTOMER_360).localCheckpoint();
    GoldenResult rebuilt = new GoldenStage(SparkTest.spark(), night, survivorship, Progress.NONE)
        .run(new RunContext("night-2-full", LocalDate.parse("2026-11-21"), new Timestamp(System.currentTimeMillis())),
            true);
    assertEquals(Map.of(), rebuilt.idEvents(), "all clusters give no other id and no other event");
    assertEquals(0, rebuilt.changed());
    Dataset<Row> rebuiltIds = night.read(GoldenStage.XREF).select("record_id", "golden_id");
    assertEquals(0, ids.except(rebuiltIds).count() + rebuiltIds.except(ids).count());
    Dataset<Row> rebuiltView = night.read(GoldenStage.CUSTOMER_360);
    assertEquals(0, view.except(rebuiltView).count() + rebuiltView.except(view).count(),
        "the 360 view written for the changed customers and orders only is the one built whole");

    Path pinnedRules = work.resolve("rules");
    copyTree(rules, pinnedRules);
    Path conf = pinnedRules.resolve("match.conf");
    Files.writeString(conf, Files.readString(conf).replace("pinned-parameters = \"\"",
        "pinned-parameters = \"" + copy.resolve("_match").resolve("parameters.conf") + "\""));
    MatchResult full = new MatchStage(SparkTest.spark(), night, MatchRules.load(pinnedRules), Progress.NONE).run(true);
    assertEquals(full.records(), full.recordsScored());
    Dataset<Row> fullClusters = night.read(MatchStage.CLUSTERS).select("record_id", "cluster_id");
    assertEquals(0, incrementalClusters.except(fullClusters).count() + fullClusters.except(incrementalClusters).count(),
        "clusters of the incremental night differ from a full run's");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static Dataset<Row> truth() {
    return SparkTest.spark().read().option("header", "true").csv(Path.of("..", "sample-data", "truth.csv").toString())
        .toDF("source", "source_id", "entity_id");
  }

  private static Map<String, Long> countBy(Dataset<Row> rows, String column) {
    Map<String, Long> out = new TreeMap<>();
    rows.groupBy(column).count().collectAsList().forEach(r -> out.put(r.getString(0), r.getLong(1)));
    return out;
  }
}
