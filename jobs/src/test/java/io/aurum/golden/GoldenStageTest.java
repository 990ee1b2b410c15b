package io.aurum.golden;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aurum.lake.Lakehouse;
import io.aurum.match.MatchStage;
import io.aurum.pipeline.Progress;
import io.aurum.pipeline.RunContext;
import io.aurum.standardize.StandardizeStage;
import io.aurum.testing.SparkTest;
import io.aurum.testing.TestFiles;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nights of the golden stage over hand-made silver records and clusters: a rerun changes nothing; a second
 * night with a changed e-mail, a merge, a split and a new customer yields exactly those versions, id events and
 * changes, keeps every other golden id, and gives the same ids when it is run again after it failed.
 */
@ExtendWith(SparkTest.class)
class GoldenStageTest {
  private static final StructType SILVER = StructType.fromDDL("source STRING, source_id STRING, full_name STRING, "
      + "email STRING, city STRING, updated_at TIMESTAMP, _ingested_at TIMESTAMP, dq_issues ARRAY<STRING>, "
      + "attributes MAP<STRING, STRING>");
  private static final StructType CLUSTERS = StructType.fromDDL("record_id STRING, source STRING, source_id STRING, "
      + "cluster_id STRING, cluster_size LONG");
  private static final StructType PAIRS = StructType.fromDDL(
      "record_id_l STRING, record_id_r STRING, match_probability DOUBLE");

  @TempDir
  Path dir;

  @Test
  void aRerunChangesNothingAndASecondNightRecordsExactlyItsChanges() {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), dir.resolve("lake").toString());
    TestFiles.write(dir.resolve("rules/survivorship.conf"), """
        source-priority = [erp, crm, web]
        attributes {
          full_name { strategy = source-priority }
          email { strategy = collect-all, primary = source-priority }
          city { strategy = most-recent }
        }
        """);
    GoldenStage stage = new GoldenStage(SparkTest.spark(), lake, SurvivorshipRules.load(dir.resolve("rules")),
        Progress.NONE);
    List<Row> silver = new ArrayList<>(List.of(
        silver("crm", "1", "Ann Lee", "ann@x.com", "Leeds"), silver("erp", "1", "Ann Lee", "ann@x.com", "Leeds"),
        silver("crm", "2", "Bob Hill", "bob@x.com", "York"), silver("erp", "2", "Robert Hill", "rob@x.com", "York"),
        silver("crm", "3", "Cy Tan", "cy@x.com", "Hull"), silver("web", "3", "Cy Tan", "cy@x.com", "Hull"),
        silver("web", "5", "Eve Fox", "eve@x.com", "Ely")));
    write(lake, silver, "crm:1 erp:1", "crm:2 erp:2", "crm:3", "web:3", "web:5");

    GoldenResult first = stage.run(run("n1", "2026-11-21"), false);
    assertEquals(5, first.customers());
    assertEquals(lake.read(GoldenStage.ID_EVENTS).select("golden_id").sort("golden_id").collectAsList(),
        lake.read(GoldenStage.CUSTOMERS).select("golden_id").sort("golden_id").collectAsList(),
        "the ids the events announce are the ids written");
    assertEquals(Map.of("created", 5L), first.idEvents());
    assertEquals(5, lake.read(GoldenStage.CUSTOMER_360).count(), "one 360-degree row per golden customer");
    Map<String, String> night1 = goldenIds(lake);
    long historyVersion = lake.version(GoldenStage.HISTORY);
    long customersVersion = lake.version(GoldenStage.CUSTOMERS);

    GoldenResult rerun = stage.run(run("n1-again", "2026-11-21"), false);
    assertEquals(0, rerun.changed());
    assertEquals(Map.of(), rerun.idEvents());
    assertEquals(night1, goldenIds(lake));
    assertEquals(0, lake.changes(GoldenStage.HISTORY, String.valueOf(historyVersion)).where("_commit_version > "
        + historyVersion).count(), "no new version");
    assertEquals(5, lake.read(GoldenStage.HISTORY).count());

    // Night 2: Ann's ERP record has a new e-mail; Bob's two records split; Cy's two records merge; Dee is new.
    silver.set(1, silver("erp", "1", "Ann Lee", "ann.lee@y.com", "Leeds"));
    silver.add(silver("crm", "4", "Dee Roe", "dee@x.com", "Bath"));
    write(lake, silver, "crm:1 erp:1", "crm:2", "erp:2", "crm:3 web:3", "crm:4", "web:5");
    long xrefOfNight1 = lake.version(GoldenStage.XREF);
    // A steward corrects Ann's city, and the name of a customer who is merged away tonight.
    String survivor = night1.get("crm:3").compareTo(night1.get("web:3")) < 0 ? night1.get("crm:3") : night1.get("web:3");
    String mergedAway = survivor.equals(night1.get("crm:3")) ? night1.get("web:3") : night1.get("crm:3");
    Path overrides = TestFiles.write(dir.resolve("rules/overrides/golden_attributes.csv"), "golden_id,field,value,reason\n"
        + night1.get("crm:1") + ",city,Harrogate,\"moved, told us by phone\"\n" + mergedAway + ",full_name,Cy Tan-Li,married\n");
    GoldenResult second = new GoldenStage(SparkTest.spark(), lake, SurvivorshipRules.load(dir.resolve("rules")),
        Progress.NONE).run(run("n2", "2026-11-22"), false);

    Map<String, String> night2 = goldenIds(lake);
    assertEquals(night1.get("crm:1"), night2.get("crm:1"), "Ann keeps her id");
    assertEquals(night1.get("web:5"), night2.get("web:5"), "Eve, unchanged, keeps her id");
    assertEquals(night1.get("crm:2"), night2.get("crm:2"), "Bob's part with the smaller cluster id keeps his id");
    // Cy's two ids overlap tonight's cluster equally: the smaller id survives, the other is merged into it.
    assertEquals(survivor, night2.get("crm:3"));
    assertEquals(survivor, night2.get("web:3"));
    assertEquals(Map.of("created", 1L, "merged", 1L, "split", 1L), second.idEvents());
    List<String> events = lake.read(GoldenStage.ID_EVENTS).where("run_id = 'n2'").collectAsList().stream()
        .map(e -> e.getString(2) + " " + e.getString(3).equals(mergedAway) + " " + e.getString(4))
        .sorted().toList();
    assertEquals(List.of("created false null", "merged true " + survivor, "split false " + night1.get("crm:2")),
        events);

    List<String> versions = lake.read(GoldenStage.HISTORY).orderBy("golden_id", "version").collectAsList().stream()
        .filter(h -> h.getString(0).equals(night1.get("crm:1")))
        .map(h -> h.getInt(1) + " " + h.getBoolean(4)).toList();
    assertEquals(List.of("1 false", "2 true"), versions, "Ann's new e-mail is a new version");
    Row ann = lake.read(GoldenStage.CUSTOMERS).where(col("golden_id").equalTo(night1.get("crm:1")))
        .select(col("city"), filter(col("provenance"), p -> p.getField("attribute").equalTo("city")).as("p"))
        .first();
    assertEquals("Harrogate", ann.getString(0));
    assertEquals(List.of(RowFactory.create("city", AttributeOverrides.STEWARD, overrides + ":2",
        "override: moved, told us by phone")), ann.getList(1), "the steward's line replaces the source record");
    assertEquals(List.of("city applied", "full_name golden id not current"),
        lake.read(GoldenStage.ATTRIBUTE_OVERRIDES).orderBy("field").collectAsList().stream()
            .map(r -> r.getString(1) + " " + r.getString(5)).toList());
    assertEquals(List.of(false), lake.read(GoldenStage.HISTORY).where("golden_id = '" + mergedAway + "'")
        .collectAsList().stream().map(h -> h.getBoolean(4)).toList(), "the merged-away id's version is closed");

    Map<String, String> changes = new TreeMap<>();
    GoldenChanges.since(lake, String.valueOf(customersVersion + 1)).collectAsList()
        .forEach(c -> changes.put(c.getString(0), c.getString(1) + (c.isNullAt(2) ? "" : " " + c.getString(2))));
    assertEquals(Map.of(night1.get("crm:1"), "updated", night1.get("crm:2"), "updated",
        night2.get("erp:2"), "split " + night1.get("crm:2"), survivor, "updated", mergedAway, "merged " + survivor,
        night2.get("crm:4"), "created"), changes, "exactly the changed customers");

    // Night 2 fails after its customers and events, between the two commits of its history (the changed customers'
    // versions closed, their new ones not appended) and before its cross-reference (the table the next attempt
    // compares its records with), and is run again: the new and split customers get the ids the failed attempt gave
    // them, no event is recorded twice, and the new versions get the numbers they would have had.
    long eventCount = lake.read(GoldenStage.ID_EVENTS).count();
    List<Row> customerIds = lake.read(GoldenStage.CUSTOMERS).select("golden_id").orderBy("golden_id").collectAsList();
    List<Row> history = versions(lake);
    SparkTest.spark().sql("RESTORE TABLE delta.`" + lake.location(GoldenStage.XREF) + "` TO VERSION AS OF "
        + xrefOfNight1);
    SparkTest.spark().sql("RESTORE TABLE delta.`" + lake.location(GoldenStage.HISTORY) + "` TO VERSION AS OF "
        + (lake.version(GoldenStage.HISTORY) - 1));
    assertEquals(0, lake.read(GoldenStage.HISTORY).where(col("golden_id").equalTo(night1.get("crm:1"))
        .and(col("is_current"))).count(), "Ann's version closed, the new one not appended");
    GoldenResult again = new GoldenStage(SparkTest.spark(), lake, SurvivorshipRules.load(dir.resolve("rules")),
        Progress.NONE).run(run("n2-again", "2026-11-22"), false);
    assertEquals(night2, goldenIds(lake), "every record has the id the failed attempt gave it");
    assertEquals(0, again.changed());
    assertEquals(customerIds, lake.read(GoldenStage.CUSTOMERS).select("golden_id").orderBy("golden_id")
        .collectAsList(), "the same golden records, none twice");
    assertEquals(eventCount, lake.read(GoldenStage.ID_EVENTS).count(), "no event twice");
    assertEquals(history, versions(lake), "each changed customer's next version, once");

    // The night was incremental (Eve's record is as it was, her golden record not built again); a full rebuild of
    // the same night finds nothing to change.
    List<Row> incremental = lake.read(GoldenStage.CUSTOMERS).orderBy("golden_id").collectAsList();
    GoldenResult rebuilt = new GoldenStage(SparkTest.spark(), lake, SurvivorshipRules.load(dir.resolve("rules")),
        Progress.NONE).run(run("n2-full", "2026-11-22"), true);
    assertEquals(5, second.built(), "all but Eve");
    assertEquals(6, rebuilt.built());
    assertEquals(0, rebuilt.changed());
    assertEquals(Map.of(), rebuilt.idEvents());
    assertEquals(incremental, lake.read(GoldenStage.CUSTOMERS).orderBy("golden_id").collectAsList());
  }

  @Test
  void firstSeenStaysWhenTheRecordsAreSentAgainLater() {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), dir.resolve("lake").toString());
    TestFiles.write(dir.resolve("rules/survivorship.conf"), """
        source-priority = [erp, crm]
        attributes { email { strategy = source-priority } }
        """);
    GoldenStage stage = new GoldenStage(SparkTest.spark(), lake, SurvivorshipRules.load(dir.resolve("rules")),
        Progress.NONE);
    write(lake, List.of(silver("crm", "1", "Ann Lee", "ann@x.com", "Leeds"),
        silver("erp", "1", "Ann Lee", "ann@x.com", "Leeds")), "crm:1 erp:1");
    stage.run(run("n1", "2026-11-21"), false);
    Timestamp firstSeen = Timestamp.valueOf("2026-11-20 00:00:00");
    assertEquals(List.of(firstSeen), firstSeen(lake));

    // Night 2: the sources send both records again (snapshots), ERP with a new e-mail, ingested a day later.
    Timestamp later = Timestamp.valueOf("2026-11-21 00:00:00");
    write(lake, List.of(silver("crm", "1", "Ann Lee", "ann@x.com", "Leeds", later),
        silver("erp", "1", "Ann Lee", "ann.lee@y.com", "Leeds", later)), "crm:1 erp:1");
    assertEquals(1, stage.run(run("n2", "2026-11-22"), false).changed(), "the new e-mail is a new version");
    assertEquals(List.of(firstSeen), firstSeen(lake), "first seen on the first night, not when last sent");
    stage.run(run("n2-full", "2026-11-22"), true);
    assertEquals(List.of(firstSeen), firstSeen(lake), "a full rebuild keeps it too");
  }

  /** Every version in the history: golden id, version, whether current, attribute hash. */
  private static List<Row> versions(Lakehouse lake) {
    return lake.read(GoldenStage.HISTORY).select("golden_id", "version", "is_current", "attribute_hash")
        .orderBy("golden_id", "version").collectAsList();
  }

  private static List<Timestamp> firstSeen(Lakehouse lake) {
    return lake.read(GoldenStage.CUSTOMERS).collectAsList().stream()
        .map(r -> r.<Timestamp>getAs("first_seen")).toList();
  }

  private static Row silver(String source, String id, String name, String email, String city) {
    return silver(source, id, name, email, city, Timestamp.valueOf("2026-11-20 00:00:00"));
  }

  private static Row silver(String source, String id, String name, String email, String city, Timestamp ingestedAt) {
    return RowFactory.create(source, id, name, email, city, Timestamp.valueOf("2026-11-01 00:00:00"), ingestedAt,
        List.of(), Map.of());
  }

  /** Writes silver, clusters (each argument: the records of one cluster) and pairs within clusters. */
  private static void write(Lakehouse lake, List<Row> silver, String... clusters) {
    lake.overwrite(StandardizeStage.withValueHash(SparkTest.spark().createDataFrame(silver, SILVER)),
        StandardizeStage.CUSTOMERS);
    List<Row> rows = new ArrayList<>();
    List<Row> pairs = new ArrayList<>();
    for (String cluster : clusters) {
      String[] ids = cluster.split(" ");
      for (String id : ids) {
        String[] parts = id.split(":");
        rows.add(RowFactory.create(id, parts[0], parts[1], ids[0], (long) ids.length));
      }
      for (int i = 1; i < ids.length; i++) {
        pairs.add(RowFactory.create(ids[0], ids[i], 0.99));
      }
    }
    lake.overwrite(SparkTest.spark().createDataFrame(rows, CLUSTERS), MatchStage.CLUSTERS);
    lake.overwrite(SparkTest.spark().createDataFrame(pairs, PAIRS), MatchStage.PAIRS);
  }

  private static RunContext run(String id, String date) {
    return new RunContext(id, LocalDate.parse(date), new Timestamp(System.currentTimeMillis()));
  }

  private static Map<String, String> goldenIds(Lakehouse lake) {
    Map<String, String> out = new TreeMap<>();
    lake.read(GoldenStage.XREF).where("last_seen = (SELECT max(last_seen) FROM delta.`" + lake.location(GoldenStage.XREF)
        + "`)").collectAsList().forEach(r -> out.put(r.getString(0), r.getString(3)));
    return out;
  }
}
