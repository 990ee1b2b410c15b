package io.aurum.lake;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.types.StructType;
import scala.Console;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;

/**
 * Aurum's Delta Lake: table {@code layer.table} lives at {@code <root>/<layer>/<table>}. The only class
 * that reads or writes tables. Writes report the rows they committed, taken from the Delta commit's own
 * metrics rather than from an extra count.
 */
public final class Lakehouse {
  private static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  private final SparkSession spark;
  private final String root;

  public Lakehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String root() {
    return root;
  }

  /**
   * Writes a small text file under the root ({@code relativePath}, e.g. {@code _state/golden-rules.sha256}, the
   * fingerprint of the rules a table was built with), replacing it whole. Stages write such state after their
   * tables, so a crash leaves the older state.
   */
  public void writeText(String relativePath, String text) {
    Path file = new Path(root, relativePath);
    try (var out = file.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The file {@link #writeText} wrote, or empty. */
  public Optional<String> readText(String relativePath) {
    Path file = new Path(root, relativePath);
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (var in = fs.open(file)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public String location(TableName name) {
    return root + "/" + name.layer() + "/" + name.table();
  }

  public boolean exists(TableName name) {
    return DeltaTable.isDeltaTable(spark, location(name));
  }

  public Dataset<Row> read(TableName name) {
    return spark.read().format("delta").load(location(name));
  }

  /**
   * The table as it is now, pinned to its current version: later writes to the table do not change what this
   * dataset reads, so a stage can read last night's rows after replacing them without materialising them first.
   */
  public Dataset<Row> snapshot(TableName name) {
    return snapshot(name, version(name));
  }

  /** The table as of {@code version}. */
  public Dataset<Row> snapshot(TableName name, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(name));
  }

  /** Creates an empty table with this schema unless it exists, so readers always find it. */
  public void ensure(TableName name, StructType schema) {
    create(name, schema, Map.of());
  }

  /**
   * {@link #ensure} for a table that MERGE, UPDATE or DELETE change in place and whose changes are read: Delta's
   * Change Data Feed is on, so every later change is readable with {@link #changes}, and so are deletion vectors
   * ({@link #ensureWithDeletionVectors}).
   */
  public void ensureWithChangeFeed(TableName name, StructType schema) {
    create(name, schema, Map.of("delta.enableChangeDataFeed", "true", DELETION_VECTORS, "true"));
  }

  /**
   * {@link #ensure} for a table that MERGE, UPDATE or DELETE change in place: with Delta's deletion vectors, a change
   * of a few rows marks them in a small file instead of rewriting every data file that holds one. A table that is
   * only replaced or appended to has none: with the feature on, Delta plans each query reading the table with a Spark
   * job that looks for deletion vectors, again for every query while the table has none.
   */
  public void ensureWithDeletionVectors(TableName name, StructType schema) {
    create(name, schema, Map.of(DELETION_VECTORS, "true"));
  }

  /** Creates an empty table with this schema and table properties unless it exists; later writes keep them. */
  private void create(TableName name, StructType schema, Map<String, String> properties) {
    if (!exists(name)) {
      spark.createDataFrame(List.of(), schema).write().format("delta").mode(SaveMode.Append).options(properties)
          .save(location(name));
    }
  }

  /** A Delta MERGE of {@code source} (alias {@code s}) into the table (alias {@code t}); the caller adds clauses. */
  public DeltaMergeBuilder merge(TableName name, Dataset<Row> source, String condition) {
    return DeltaTable.forPath(spark, location(name)).as("t").merge(source.as("s"), condition);
  }

  /**
   * Writes a few keyed changes to a large table: a MERGE of {@code changes} (alias {@code s}, broadcast) on
   * {@code t.key = s.key} with the {@code matchedClauses} only (WHEN MATCHED: update or delete what the table holds),
   * then an append of the {@code newRows} whose {@code key} the table does not hold. A MERGE that also inserts joins
   * source and table by an outer join, which cannot broadcast the source and so shuffles every row of the files it
   * rewrites: the whole table when a few changes fall at random. These are two commits; run again after a failure
   * between them, each finds its work done or does it.
   */
  public void mergeFew(TableName name, String key, Dataset<Row> changes,
                       UnaryOperator<DeltaMergeBuilder> matchedClauses, Dataset<Row> newRows) {
    matchedClauses.apply(merge(name, broadcast(changes), "t.`" + key + "` = s.`" + key + "`")).execute();
    Dataset<Row> held = read(name).select(col(key).as("_held"))
        .join(broadcast(newRows.select(col(key).as("_held"))), "_held");
    append(newRows.join(held, newRows.col(key).equalTo(held.col("_held")), "left_anti"), name);
  }

  /**
   * The table's change feed from {@code since} on: a version number or a timestamp ({@code 2026-11-22 00:00:00}),
   * with Delta's {@code _change_type}, {@code _commit_version} and {@code _commit_timestamp}.
   */
  public Dataset<Row> changes(TableName name, String since) {
    boolean version = since.matches("\\d+");
    return changeFeed().option(version ? "startingVersion" : "startingTimestamp", since).load(location(name));
  }

  /** The table's change feed of versions {@code from} to {@code to}, both included (see {@link #changes}). */
  public Dataset<Row> changes(TableName name, long from, long to) {
    return changeFeed().option("startingVersion", from).option("endingVersion", to).load(location(name));
  }

  private DataFrameReader changeFeed() {
    return spark.read().format("delta").option("readChangeFeed", "true");
  }

  /** Whether Delta's Change Data Feed is on for the table (an absent table has none). */
  public boolean hasChangeFeed(TableName name) {
    return exists(name) && "true".equals(DeltaTable.forPath(spark, location(name)).detail().select("properties")
        .first().<String, String>getJavaMap(0).get("delta.enableChangeDataFeed"));
  }

  /** Turns Delta's Change Data Feed on for an existing table, from its next version on, unless it is on. */
  public void enableChangeFeed(TableName name) {
    if (exists(name) && !hasChangeFeed(name)) {
      spark.sql("ALTER TABLE delta.`" + location(name).replace("`", "``")
          + "` SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')");
    }
  }

  /** Appends rows; returns the number of rows committed. */
  public long append(Dataset<Row> rows, TableName name) {
    long before = version(name);
    rows.write().format("delta").mode(SaveMode.Append).option("mergeSchema", "true").save(location(name));
    return outputRowsSince(name, before);
  }

  /** Atomically replaces the whole table (schema included) with {@code rows}; returns the rows committed. */
  public long overwrite(Dataset<Row> rows, TableName name) {
    long before = version(name);
    rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(location(name));
    return outputRowsSince(name, before);
  }

  /**
   * {@link #overwrite} of a table that most nights holds no rows, such as an audit of steward overrides: when the
   * caller knows {@code rows} is empty ({@code none}; it can tell without a Spark job) and the table already holds
   * no rows under the same column names and types, nothing is committed and the table's version stays. Whether
   * the table holds rows is read from the file count of its Delta checksum, without a Spark job, when that says
   * none. Returns the rows committed.
   */
  public long overwriteUnlessEmpty(Dataset<Row> rows, TableName name, boolean none) {
    if (none && exists(name)) {
      Snapshot snapshot = latest(name);
      Option<VersionChecksum> checksum = snapshot.checksumOpt();
      if (snapshot.schema().catalogString().equals(rows.schema().catalogString())
          && (checksum.isDefined() && checksum.get().numFiles() == 0 || read(name).isEmpty())) {
        return 0;
      }
    }
    return overwrite(rows, name);
  }

  /**
   * Atomically replaces the rows matching {@code predicate} with {@code rows} (which must all match it):
   * rewriting the same input twice leaves one copy. Returns the number of rows committed.
   */
  public long replace(Dataset<Row> rows, TableName name, String predicate) {
    if (!exists(name)) {
      return append(rows, name);
    }
    long before = version(name);
    rows.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", predicate)
        .option("mergeSchema", "true").save(location(name));
    return outputRowsSince(name, before);
  }

  /** Sets columns (SQL expressions by column name) on the rows matching {@code condition}. */
  public void update(TableName name, String condition, Map<String, String> set) {
    DeltaTable.forPath(spark, location(name)).updateExpr(condition, set);
  }

  /**
   * Deletes every data file the table's current version does not refer to (Delta's VACUUM with no retention), so
   * that a table rewritten again and again keeps the size of one version. Older versions can no longer be read:
   * only for tables whose history nobody needs, such as a benchmark's.
   */
  public void keepOnlyCurrentFiles(TableName name) {
    // No retention is refused unless Delta's check is off. The files are listed with at most
    // spark.sql.sources.parallelPartitionDiscovery.parallelism tasks (one of Aurum's Spark defaults).
    String check = "spark.databricks.delta.retentionDurationCheck.enabled";
    String before = spark.conf().get(check, null);
    spark.conf().set(check, "false");
    try {
      // Delta prints what it deleted to the console (its log file has the same and more).
      Console.withOut(OutputStream.nullOutputStream(), new AbstractFunction0<Dataset<Row>>() {
        @Override
        public Dataset<Row> apply() {
          return DeltaTable.forPath(spark, location(name)).vacuum(0);
        }
      });
    } finally {
      if (before == null) {
        spark.conf().unset(check);
      } else {
        spark.conf().set(check, before);
      }
    }
  }

  /** Every Delta table under the root, sorted by name, with version, row count and last write. */
  public List<TableInfo> list() {
    List<TableInfo> out = new ArrayList<>();
    for (TableName name : tableNames()) {
      long version = version(name);
      CommitInfo last = commit(name, version);
      out.add(new TableInfo(name, version, read(name).count(), last.timestamp(), last.operation()));
    }
    return out;
  }

  /**
   * Registers every table in Spark's catalog as {@code layer.table}, so SQL can name it. Registration is
   * metadata only. A name the session already knows is re-pointed at this lakehouse (its old entry is
   * dropped without touching data), unless it is a managed table that is not Aurum's.
   */
  public void registerAll() {
    SessionCatalog catalog = spark.sessionState().catalog();
    for (TableName name : tableNames()) {
      TableIdentifier id = new TableIdentifier(name.table(), Option.apply(name.layer()));
      String location = location(name);
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + name.layer() + "`");
      if (catalog.tableExists(id)) {
        CatalogTable existing = metadata(catalog, id);
        if (existing.tableType() != CatalogTableType.EXTERNAL()) {
          throw new IllegalStateException("Cannot register " + name + ": the catalog already has a managed table "
              + "of that name; drop it or use another catalog");
        }
        if (existing.location().getPath().equals(new Path(location).toUri().getPath())) {
          continue;
        }
        catalog.dropTable(id, true, false);
      }
      spark.sql("CREATE TABLE `" + name.layer() + "`.`" + name.table() + "` USING delta LOCATION '"
          + location.replace("'", "\\'") + "'");
    }
  }

  private static CatalogTable metadata(SessionCatalog catalog, TableIdentifier id) {
    try {
      return catalog.getTableMetadata(id);
    } catch (NoSuchNamespaceException | NoSuchTableException e) {
      throw new IllegalStateException("Table " + id + " vanished from the catalog while registering", e);
    }
  }

  /** The Delta tables of {@code layer}, sorted by name. */
  public List<TableName> tableNames(String layer) {
    return tableNames().stream().filter(name -> name.layer().equals(layer)).toList();
  }

  private List<TableName> tableNames() {
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(rootPath)) {
        return List.of();
      }
      List<TableName> names = new ArrayList<>();
      for (FileStatus layer : fs.listStatus(rootPath)) {
        String layerName = layer.getPath().getName();
        if (!layer.isDirectory() || layerName.startsWith("_")) {
          continue;
        }
        for (FileStatus table : fs.listStatus(layer.getPath())) {
          if (table.isDirectory() && fs.exists(new Path(table.getPath(), "_delta_log"))) {
            names.add(new TableName(layerName, table.getPath().getName()));
          }
        }
      }
      names.sort(Comparator.comparing(TableName::toString));
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list tables under " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * The table's latest version, -1 when it does not exist. Read from the table's Delta log, as its files list it
   * now: a stage asks before and after each write, and {@link DeltaTable#history} would run a Spark query for it.
   */
  public long version(TableName name) {
    if (!exists(name)) {
      return -1;
    }
    return latest(name).version();
  }

  /** The table's latest snapshot, from its Delta log (a commit since the last look is read). */
  private Snapshot latest(TableName name) {
    return log(name).update(false, Option.empty(), Option.empty());
  }

  /**
   * The table's Delta log through Delta's own (not its public {@link DeltaTable}) API, which {@link #version},
   * {@link #list} and the written rows' count read without a Spark query; a Delta upgrade may change it.
   */
  private DeltaLog log(TableName name) {
    return DeltaLog.forTable(spark, location(name));
  }

  /** Rows written by the commit after {@code before}; 0 when the write committed nothing. */
  private long outputRowsSince(TableName name, long before) {
    long after = version(name);
    return after == before ? 0 : metric(name, after, commit(name, after), "numOutputRows");
  }

  /**
   * Rows inserted or updated by the commits after {@code before} (appends and MERGEs), from their metrics in the
   * Delta log: what the table's change feed would count as inserts and post-images, without reading it.
   */
  public long rowsUpsertedSince(TableName name, long before) {
    long rows = 0;
    for (long v = before + 1; v <= version(name); v++) {
      CommitInfo info = commit(name, v);
      rows += "MERGE".equals(info.operation())
          ? metric(name, v, info, "numTargetRowsInserted") + metric(name, v, info, "numTargetRowsUpdated")
          : metric(name, v, info, "numOutputRows");
    }
    return rows;
  }

  /** A metric the table's commit {@code version} ({@code info}) reported; fails when it reported none of that name. */
  private static long metric(TableName name, long version, CommitInfo info, String metric) {
    Option<scala.collection.immutable.Map<String, String>> reported = info.operationMetrics();
    Map<String, String> metrics = reported.isDefined() ? CollectionConverters.asJava(reported.get()) : Map.of();
    String value = metrics.get(metric);
    if (value == null) {
      throw new IllegalStateException("Delta commit " + version + " on " + name + " reported no " + metric + ": "
          + metrics);
    }
    return Long.parseLong(value);
  }

  /** What the Delta log records of the table's commit {@code version}: its operation, time and metrics. */
  private CommitInfo commit(TableName name, long version) {
    scala.collection.Iterator<Tuple2<Object, Seq<Action>>> commits =
        log(name).getChanges(version, Option.empty(), true);
    if (commits.hasNext()) {
      for (Action action : CollectionConverters.asJava(commits.next()._2())) {
        if (action instanceof CommitInfo info) {
          return info;
        }
      }
    }
    throw new IllegalStateException("Delta commit " + version + " on " + name + " has no commit info");
  }
}
