package io.aurum.golden;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.RuleFile;
import io.delta.tables.DeltaMergeBuilder;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.TableName;
import io.aurum.match.MatchStage;
import io.aurum.pipeline.Concurrently;
import io.aurum.pipeline.Progress;
import io.aurum.pipeline.RunContext;
import io.aurum.standardize.StandardizeStage;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Golden: {@code match.clusters} and {@code silver.customers} to {@code gold.customers} (the current golden record
 * per customer, with provenance), {@code gold.customer_xref} (every source record to its golden id),
 * {@code gold.id_events} (created, merged, split, retired), {@code gold.customer_history} (SCD type 2),
 * {@code gold.customer_360} (golden record and behaviour, see {@link Customer360}) and
 * {@code gold.attribute_overrides} (the audit of a steward's {@link AttributeOverrides}).
 * Golden ids are kept across nights by {@link GoldenIds}; values are chosen by {@link Survivorship}. Customers and
 * history are written with Delta MERGE and carry Delta's Change Data Feed, so an unchanged customer produces no
 * change at all; a rerun of the same night changes nothing.
 */
public final class GoldenStage {
  public static final String NAME = "golden";
  public static final TableName CUSTOMERS = new TableName("gold", "customers");
  public static final TableName XREF = new TableName("gold", "customer_xref");
  public static final TableName ID_EVENTS = new TableName("gold", "id_events");
  public static final TableName HISTORY = new TableName("gold", "customer_history");
  public static final TableName ATTRIBUTE_OVERRIDES = new TableName("gold", "attribute_overrides");
  public static final TableName CUSTOMER_360 = new TableName("gold", "customer_360");
  private static final StructType XREF_SCHEMA = StructType.fromDDL("record_id STRING, source STRING, "
      + "source_id STRING, golden_id STRING, match_probability DOUBLE, first_seen DATE, last_seen DATE, "
      + "row_hash BIGINT, orders_hash BIGINT");
  private static final String RULES_STATE = "_state/golden-rules.sha256";
  /** The version of {@code match.clusters} the last night read, when the table had its change feed on. */
  private static final String CLUSTERS_STATE = "_state/golden-clusters.version";
  /** Above this share of records touched, ids are assigned over all clusters: broadcasting them would not pay. */
  private static final double MAX_TOUCHED_SHARE = 0.1;
  private static final StructType EVENT_SCHEMA = StructType.fromDDL("run_id STRING, run_date DATE, event STRING, "
      + "golden_id STRING, related_id STRING, records LONG, recorded_at TIMESTAMP");

  private final SparkSession spark;
  private final Lakehouse lake;
  private final SurvivorshipRules rules;
  private final Progress progress;

  public GoldenStage(SparkSession spark, Lakehouse lake, SurvivorshipRules rules, Progress progress) {
    this.spark = spark;
    this.lake = lake;
    this.rules = rules;
    this.progress = progress;
  }

  /**
   * @param full build every golden record again, even when only some customers' records changed since the last
   *     night (which an incremental night builds; the result is the same)
   */
  public GoldenResult run(RunContext run, boolean full) {
    long start = System.nanoTime();
    Progress log = progress.timed();
    Consumer<String> say = line -> log.line(String.format("%-11s %s", NAME, line));
    spark.sparkContext().setJobGroup(NAME, "golden records", false);
    Date runDate = Date.valueOf(run.runDate());
    lake.ensure(XREF, XREF_SCHEMA);
    lake.ensure(ID_EVENTS, EVENT_SCHEMA);
    long clustersVersion = lake.version(MatchStage.CLUSTERS);
    boolean clusterChangeFeed = lake.hasChangeFeed(MatchStage.CLUSTERS);
    Dataset<Row> clusters = lake.snapshot(MatchStage.CLUSTERS, clustersVersion).select("record_id", "cluster_id");
    // Ids and events are computed once, before anything is written: the tables they read change below.
    Dataset<Row> previousXref = lake.snapshot(XREF);
    // A cross-reference of an earlier version may lack a hash: without row hashes every customer is built again
    // once, without order hashes the 360 view is rebuilt whole once.
    List<String> xrefColumns = List.of(previousXref.columns());
    boolean hashed = xrefColumns.contains(ChangedCustomers.ROW_HASH);
    boolean ordersHashed = xrefColumns.contains(Customer360.ORDERS_HASH);
    for (String hash : List.of(ChangedCustomers.ROW_HASH, Customer360.ORDERS_HASH)) {
      if (!xrefColumns.contains(hash)) {
        previousXref = previousXref.withColumn(hash, lit(null).cast("bigint"));
      }
    }
    Dataset<Row> previousIds = previousXref.select("record_id", "golden_id");
    // Taken: the ids of earlier nights' events and those last night left. Not those a failed attempt of tonight
    // issued before it ended: run again, the night gives the same clusters the same ids.
    Dataset<Row> issued = lake.read(ID_EVENTS).where(col("run_date").lt(lit(runDate))).select("golden_id")
        .unionByName(previousIds.select("golden_id"));
    Optional<Dataset<Row>> touched = full || !clusterChangeFeed ? Optional.empty()
        : touchedRecords(clusters, clustersVersion, say);
    GoldenIds.Result ids = touched.isPresent()
        ? GoldenIds.assignTouched(clusters, previousIds, touched.get(), issued, run.runDate().toString())
        : GoldenIds.assign(clusters, previousIds, issued, run.runDate().toString());
    Dataset<Row> idEvents = ids.events().localCheckpoint();
    say.accept("id events computed");
    Dataset<Row> silver = lake.read(StandardizeStage.CUSTOMERS)
        .withColumn("record_id", concat(col("source"), lit(":"), col("source_id")));
    // Tonight's records (their cluster, value hash, best match probability and orders) and the cross-reference as
    // last night left it, joined once by record id; tonight's golden id comes from the record's cluster, or is its id
    // of last night. Materialised: the change detection, tonight's cross-reference and the 360 view all read it.
    Dataset<Row> tonight = silver.select(col("record_id"), col("source"), col("source_id"), col("updated_at"),
            col("attributes"), col(StandardizeStage.VALUE_HASH).as(ChangedCustomers.ROW_HASH))
        .join(ids.withAssigned(clusters), "record_id")
        .join(bestMatchProbabilities(), new String[] {"record_id"}, "left")
        .join(Customer360.recordOrders(orders()), new String[] {"record_id"}, "left");
    Dataset<Row> nights = XrefNights.of(tonight, previousXref);
    nights = nights.withColumn(XrefNights.tonightName("golden_id"), when(col(XrefNights.HERE).isNotNull(),
        GoldenIds.tonightsId(XrefNights.tonight(GoldenIds.ASSIGNED), col("golden_id")))).localCheckpoint();
    say.accept("tonight's records joined to the cross-reference");
    List<String> ownerColumns = new ArrayList<>(List.of("source", "source_id", "golden_id", "updated_at",
        "attributes"));
    ownerColumns.addAll(Customer360.ORDER_SUMMARY);
    Dataset<Row> owners = XrefNights.tonightsRecords(nights, ownerColumns.toArray(String[]::new));
    Dataset<Row> overrides = rules.overrides().rows(spark);
    String fingerprint = RuleFile.fingerprint(rules.file());
    boolean incremental = !full && hashed && lake.exists(CUSTOMERS) && lake.exists(ATTRIBUTE_OVERRIDES)
        && lake.readText(RULES_STATE).filter(fingerprint::equals).isPresent();
    Dataset<Row> rebuiltOwners = owners.select("record_id", "golden_id");
    Dataset<Row> changedIds = null;
    if (incremental) {
      Dataset<Row> overridden = overrides.select("golden_id")
          .unionByName(lake.read(ATTRIBUTE_OVERRIDES).select("golden_id"));
      changedIds = ChangedCustomers.of(nights, overridden).localCheckpoint();
      rebuiltOwners = broadcast(rebuiltOwners.join(changedIds, "golden_id").localCheckpoint());
      say.accept("customers to build again found");
    }
    Dataset<Row> built = AttributeOverrides.apply(Survivorship.golden(silver.join(rebuiltOwners, "record_id"), rules),
        overrides, rules.fields());
    Dataset<Row> golden = built.withColumn("attribute_hash", sha2(to_json(struct(attributeColumns(built))), 256))
        .persist(StorageLevel.MEMORY_AND_DISK());
    // On an incremental night the golden records are those built again: the ids that ended tonight are removed
    // by their events, every other customer is left as it is.
    Dataset<Row> ended = incremental
        ? idEvents.where(col("event").isin("merged", "retired")).select("golden_id").distinct() : null;
    Dataset<Row> changed360 = incremental && ordersHashed
        ? changedIds.unionByName(ended).unionByName(ChangedCustomers.withChangedOrders(nights)) : null;
    try {
      long builtCount = golden.count();
      // The customers (then the tables read from them) and the events and history are written at once: they read
      // nothing the other writes.
      Concurrently.Both<Long, Map<String, Long>> written = Concurrently.both(() -> {
        long changed = writeCustomers(golden, ended);
        say.accept(String.format("%s written: %,d new or changed", CUSTOMERS, changed));
        auditOverrides(overrides, say);
        writeCustomer360(owners, changed360);
        say.accept(CUSTOMER_360 + " written");
        return changed;
      }, () -> {
        Map<String, Long> events = writeEvents(idEvents, run, runDate);
        say.accept("id events written");
        writeHistory(golden, ended, run);
        say.accept(HISTORY + " written");
        return events;
      });
      long changed = written.first();
      Map<String, Long> events = written.second();
      // Last: the next night finds its changed customers against this cross-reference, so a night that fails before
      // it builds the same customers again when it is run again.
      long xref = writeXref(nights, runDate);
      say.accept(XREF + " written");
      lake.writeText(RULES_STATE, fingerprint);
      if (clusterChangeFeed) {
        lake.writeText(CLUSTERS_STATE, String.valueOf(clustersVersion));
      }
      long customers = lake.read(CUSTOMERS).count();
      GoldenResult result = new GoldenResult(customers, builtCount, changed, xref, events,
          (System.nanoTime() - start) / 1e9);
      say.accept(String.format("golden customers %,d  built %,d%s  new or changed %,d  xref rows %,d  id events %s  "
          + "%.1f s", customers, result.built(), incremental ? " (incremental)" : "", changed, xref, events,
          result.seconds()));
      return result;
    } finally {
      golden.unpersist();
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * {@code record_id}, {@code cluster_id} of the rows of {@code match.clusters} that changed (inserted, updated,
   * deleted) since the version the last night read, from the table's change feed
   * ({@link GoldenIds#assignTouched}); empty (all clusters are assigned) when the last night did not record its
   * version, when that is not older than the current one's, or when the changes are too many for the few-records
   * path to pay (against {@code clusters}, the snapshot of that version).
   */
  private Optional<Dataset<Row>> touchedRecords(Dataset<Row> clusters, long clustersVersion, Consumer<String> say) {
    Optional<Long> last = lake.readText(CLUSTERS_STATE).map(String::trim).map(Long::parseLong)
        .filter(v -> v <= clustersVersion);
    if (last.isEmpty() || !lake.exists(CUSTOMERS)) {
      return Optional.empty();
    }
    if (last.get() == clustersVersion) {
      return Optional.of(spark.createDataFrame(List.of(), StructType.fromDDL("record_id STRING, cluster_id STRING")));
    }
    Dataset<Row> touched = lake.changes(MatchStage.CLUSTERS, last.get() + 1, clustersVersion)
        .select("record_id", "cluster_id").distinct().localCheckpoint();
    long count = touched.select("record_id").distinct().count();
    if (count > MAX_TOUCHED_SHARE * clusters.count()) {
      return Optional.empty();
    }
    say.accept(String.format("golden ids assigned within the clusters of %,d records touched since the last night",
        count));
    return Optional.of(touched);
  }

  /** {@code silver.orders}, or no orders when no source has any. */
  private Dataset<Row> orders() {
    return lake.exists(StandardizeStage.ORDERS) ? lake.read(StandardizeStage.ORDERS)
        : spark.createDataFrame(List.of(), Customer360.ORDER_COLUMNS);
  }

  /**
   * {@code gold.customer_360} from tonight's {@code owners} (with their {@link Customer360#recordOrders}), rebuilt
   * whole unless {@code changed} ({@code golden_id} of the customers built again, ended or whose orders changed
   * tonight) is given: then only the rows of those customers are written, by a MERGE of the rows the view holds and
   * an append of the new ones ({@link Lakehouse#mergeFew}). Every other customer has last night's records, values
   * and orders, so its row would come out as it is.
   */
  private void writeCustomer360(Dataset<Row> owners, Dataset<Row> changed) {
    Dataset<Row> customers = lake.read(CUSTOMERS);
    if (changed == null || !lake.exists(CUSTOMER_360)) {
      Dataset<Row> view = Customer360.of(customers, owners, Customer360.orderSummaries(owners), rules.view360());
      lake.ensureWithDeletionVectors(CUSTOMER_360, view.schema());
      lake.overwrite(view, CUSTOMER_360);
      return;
    }
    Dataset<Row> ids = broadcast(changed.distinct().localCheckpoint());
    Dataset<Row> changedOwners = owners.join(ids, "golden_id");
    // Materialised: the MERGE of the rows the view holds and the append of the new ones both read it.
    Dataset<Row> rows = Customer360.of(customers.join(ids, "golden_id"), changedOwners,
        Customer360.orderSummaries(changedOwners), rules.view360()).localCheckpoint();
    Dataset<Row> gone = ids.join(rows.select("golden_id"), new String[] {"golden_id"}, "left_anti")
        .withColumn("_gone", lit(true));
    lake.mergeFew(CUSTOMER_360, "golden_id", rows.withColumn("_gone", lit(false)).unionByName(gone, true),
        m -> m.whenMatched("s._gone").delete().whenMatched().updateAll(), rows);
  }

  /**
   * {@code gold.attribute_overrides}: every steward correction of this night and whether it was applied or its golden
   * id is not current (retired or merged: {@code aurum history} tells where the customer went).
   */
  private void auditOverrides(Dataset<Row> overrides, Consumer<String> say) {
    Dataset<Row> current = lake.read(CUSTOMERS).select(col("golden_id").as("_current"));
    Dataset<Row> audit = overrides.join(current, col("golden_id").equalTo(col("_current")), "left")
        .select(col("golden_id"), col("field"), col("value"), col("reason"), col("location"),
            when(col("_current").isNotNull(), "applied").otherwise("golden id not current").as("status"));
    if (lake.overwriteUnlessEmpty(audit, ATTRIBUTE_OVERRIDES, rules.overrides().isEmpty()) == 0) {
      return;
    }
    Map<String, Long> byStatus = new TreeMap<>();
    lake.read(ATTRIBUTE_OVERRIDES).groupBy("status").count().collectAsList()
        .forEach(r -> byStatus.put(r.getString(0), r.getLong(1)));
    say.accept("steward attribute overrides " + byStatus);
  }

  /** The golden record's attributes (what a new version is about), without counts and timestamps of its records. */
  private static Column[] attributeColumns(Dataset<Row> golden) {
    List<Column> out = new ArrayList<>();
    for (String c : golden.columns()) {
      if (!List.of(Survivorship.KEY, "record_count", "first_seen", "last_updated", "attribute_hash").contains(c)) {
        out.add(col(c));
      }
    }
    return out.toArray(Column[]::new);
  }

  /**
   * Appends tonight's id events that are not recorded yet: a rerun of the same night (after a crash, or on the same
   * data) neither repeats nor removes any.
   */
  private Map<String, Long> writeEvents(Dataset<Row> events, RunContext run, Date runDate) {
    Dataset<Row> rows = events.select(lit(run.runId()).as("run_id"), lit(runDate).as("run_date"), col("event"),
        col("golden_id"), col("related_id"), col("records"), current_timestamp().as("recorded_at"));
    Dataset<Row> known = lake.read(ID_EVENTS).select(col("event").as("_e"), col("golden_id").as("_g"),
        col("related_id").as("_r"));
    lake.append(rows.join(known, col("event").equalTo(col("_e")).and(col("golden_id").equalTo(col("_g")))
        .and(col("related_id").eqNullSafe(col("_r"))), "left_anti"), ID_EVENTS);
    Map<String, Long> counts = new TreeMap<>();
    lake.read(ID_EVENTS).where(col("run_id").equalTo(run.runId())).groupBy("event").count().collectAsList()
        .forEach(r -> counts.put(r.getString(0), r.getLong(1)));
    return counts;
  }

  /**
   * New ids inserted, changed attributes updated (see {@link #updates}); ids without a cluster tonight deleted: all
   * ids not in {@code golden} when {@code ended} is null (all customers were built; one MERGE), else the
   * {@code ended} ids (a MERGE of the few rows the table holds, then the new ones appended:
   * {@link Lakehouse#mergeFew}). Returns the customers inserted or updated.
   */
  private long writeCustomers(Dataset<Row> golden, Dataset<Row> ended) {
    lake.ensureWithChangeFeed(CUSTOMERS, golden.schema());
    long before = lake.version(CUSTOMERS);
    Dataset<Row> source = ended == null ? golden.withColumn("_ended", lit(false))
        : golden.withColumn("_ended", lit(false))
            .unionByName(ended.select(col("golden_id"), lit(true).as("_ended")), true);
    UnaryOperator<DeltaMergeBuilder> matched = m -> m.whenMatched("s._ended").delete()
        .whenMatched("t.attribute_hash <> s.attribute_hash OR t.record_count <> s.record_count "
            + "OR NOT (t.last_updated <=> s.last_updated)").updateExpr(updates(golden));
    if (ended == null) {
      matched.apply(lake.merge(CUSTOMERS, source, "t.golden_id = s.golden_id"))
          .whenNotMatched().insertAll().whenNotMatchedBySource().delete().execute();
    } else {
      lake.mergeFew(CUSTOMERS, "golden_id", source, matched, golden);
    }
    return lake.rowsUpsertedSince(CUSTOMERS, before);
  }

  /**
   * Every column from the rebuilt golden record, except {@code first_seen}, which never moves later: a record sent
   * again carries tonight's ingestion time, but the customer was seen first on an earlier night.
   */
  private static Map<String, String> updates(Dataset<Row> golden) {
    Map<String, String> out = new TreeMap<>();
    for (String c : golden.columns()) {
      out.put("`" + c + "`", "s.`" + c + "`");
    }
    out.put("`first_seen`", "least(t.first_seen, s.first_seen)");
    return out;
  }

  /**
   * SCD type 2: a changed customer's current version is closed and a new one added, a new customer gets version 1,
   * a retired one's version is closed (one not in {@code golden}, or in {@code ended} when that is given). A new
   * version follows the customer's highest one, current or not.
   *
   * <p>On a full night ({@code ended} null) this is one MERGE (the staged copy without a merge key never matches,
   * so it is inserted). On an incremental night the few customers built or ended tonight are found in the history by
   * a broadcast join, their current versions closed by a MERGE with a matched clause only (joined to the history
   * without shuffling it) and the new versions appended. Run again after a failure between those two commits, a
   * closed customer has no current version and its new one is appended with the next number.
   */
  private void writeHistory(Dataset<Row> golden, Dataset<Row> ended, RunContext run) {
    Dataset<Row> versions = golden.select(col("golden_id"), col("attribute_hash"), to_json(struct(
        attributeColumns(golden))).as("attributes"));
    lake.ensureWithChangeFeed(HISTORY, StructType.fromDDL("golden_id STRING, version INT, valid_from TIMESTAMP, "
        + "valid_to TIMESTAMP, is_current BOOLEAN, attribute_hash STRING, attributes STRING"));
    // The versions' attributes (JSON, most of the table) are not read: only the numbers and hashes.
    Dataset<Row> history = lake.read(HISTORY).select("golden_id", "version", "is_current", "attribute_hash");
    if (ended != null) {
      // Materialised: read twice below.
      history = history.join(broadcast(versions.select("golden_id").unionByName(ended).distinct()), "golden_id")
          .localCheckpoint();
    }
    Dataset<Row> known = history.groupBy("golden_id").agg(max("version").as("_version"),
        max(when(col("is_current"), col("attribute_hash"))).as("_hash"));
    Dataset<Row> changed = versions.join(known, new String[] {"golden_id"}, "left")
        .where(col("_hash").isNull().or(col("_hash").notEqual(col("attribute_hash"))))
        .select(col("golden_id"), coalesce(col("_version"), lit(0)).plus(1).cast("int").as("version"),
            lit(run.startedAt()).as("valid_from"), lit(null).cast("timestamp").as("valid_to"),
            lit(true).as("is_current"), col("attribute_hash"), col("attributes"), col("_hash"));
    Dataset<Row> current = history.where(col("is_current")).select("golden_id");
    Dataset<Row> closed = changed.where(col("_hash").isNotNull()).select("golden_id")
        .unionByName(ended == null ? current.join(versions, new String[] {"golden_id"}, "left_anti")
            : current.join(ended, "golden_id"))
        .select(col("golden_id").as("merge_key"), lit(run.startedAt()).as("valid_from"));
    Dataset<Row> added = changed.drop("_hash");
    Map<String, String> close = Map.of("is_current", "false", "valid_to", "s.valid_from");
    String onCurrent = "t.golden_id = s.merge_key AND t.is_current";
    if (ended == null) {
      Map<String, String> insert = new TreeMap<>();
      for (String c : added.columns()) {
        insert.put(c, "s." + c);
      }
      lake.merge(HISTORY, closed.unionByName(added.withColumn("merge_key", lit(null).cast("string")), true),
              onCurrent)
          .whenMatched().updateExpr(close)
          .whenNotMatched("s.merge_key IS NULL").insertExpr(insert)
          .execute();
    } else {
      lake.merge(HISTORY, broadcast(closed), onCurrent).whenMatched().updateExpr(close).execute();
      lake.append(added, HISTORY);
    }
  }

  /** Each paired record's best {@code match_probability} in {@code match.pairs}. */
  private Dataset<Row> bestMatchProbabilities() {
    Dataset<Row> pairs = lake.read(MatchStage.PAIRS);
    return pairs.select(col("record_id_l").as("record_id"), col("match_probability"))
        .unionByName(pairs.select(col("record_id_r").as("record_id"), col("match_probability")))
        .groupBy("record_id").agg(max("match_probability").as("match_probability"));
  }

  /**
   * Every record ever seen ({@link XrefNights}): tonight's with their golden id (first seen on their first night,
   * last seen tonight), earlier ones kept as they were.
   */
  private long writeXref(Dataset<Row> nights, Date runDate) {
    Column here = col(XrefNights.HERE).isNotNull();
    Function<String, Column> latest = c -> when(here, XrefNights.tonight(c)).otherwise(col(c)).as(c);
    Dataset<Row> all = nights.select(col("record_id"), latest.apply("source"), latest.apply("source_id"),
        latest.apply("golden_id"), latest.apply("match_probability"),
        when(here, coalesce(col("first_seen"), lit(runDate))).otherwise(col("first_seen")).as("first_seen"),
        when(here, lit(runDate)).otherwise(col("last_seen")).as("last_seen"),
        latest.apply(ChangedCustomers.ROW_HASH), latest.apply(Customer360.ORDERS_HASH));
    return lake.overwrite(all, XREF);
  }
}
