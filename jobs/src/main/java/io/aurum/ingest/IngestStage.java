package io.aurum.ingest;

import static org.apache.spark.sql.functions.col;

import io.aurum.config.AurumConfig;
import io.aurum.config.EntityRule;
import io.aurum.config.ReaderFormat;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.Tables;
import io.aurum.pipeline.Progress;
import io.aurum.pipeline.RunContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingest: reads each source entity's new extract files (or database table), writes accepted rows to
 * {@code bronze.<source>_<entity>} with lineage and rejected rows to {@code quarantine.rejected_rows} with
 * a reason, and records each ingested file in {@code ops.file_ledger} by content hash.
 *
 * <p>Idempotent: a file whose content hash is in the ledger is skipped; the rows of the files being
 * ingested replace any rows an interrupted earlier run left for the same files (Delta replaceWhere on the
 * file hash), so a crash between the writes cannot duplicate rows.
 */
public final class IngestStage {
  public static final String NAME = "ingest";

  private final SparkSession spark;
  private final Lakehouse lake;
  private final AurumConfig config;
  private final Map<String, String> environment;
  private final Progress progress;

  public IngestStage(SparkSession spark, Lakehouse lake, AurumConfig config, Map<String, String> environment,
                     Progress progress) {
    this.spark = spark;
    this.lake = lake;
    this.config = config;
    this.environment = environment;
    this.progress = progress;
  }

  public IngestResult run(RunContext run) {
    lake.ensure(Tables.REJECTED_ROWS, IngestOutputs.QUARANTINE_SCHEMA);
    lake.ensure(Tables.FILE_LEDGER, IngestOutputs.LEDGER_SCHEMA);
    Set<String> known = knownHashes();
    List<EntityIngestResult> results = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (EntityRule rule : config.entities()) {
      spark.sparkContext().setJobGroup(NAME, "ingest " + rule.label(), false);
      EntityIngestResult r = ingest(rule, run, known);
      results.add(r);
      progress.line(describe(r));
      if (r.quarantineRatio() > config.ingest().maxQuarantineRatio()) {
        failed.add(String.format("%s: %.1f%% of rows quarantined (limit %.1f%%)", r.label(),
            100 * r.quarantineRatio(), 100 * config.ingest().maxQuarantineRatio()));
      }
    }
    spark.sparkContext().clearJobGroup();
    return new IngestResult(List.copyOf(results), List.copyOf(failed));
  }

  /**
   * Ingests one source entity's new extracts.
   *
   * @param known ledger keys ({@link #ledgerKey}) of everything ingested so far; this run's files are added
   */
  private EntityIngestResult ingest(EntityRule rule, RunContext run, Set<String> known) {
    long start = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<ExtractUnit> found;
    List<ExtractUnit> fresh = new ArrayList<>();
    Dataset<Row> records = null;
    Dataset<Row> persistedRead = null;
    if (rule.format() == ReaderFormat.JDBC) {
      String password = rule.jdbc().passwordEnv() == null ? null : environment.get(rule.jdbc().passwordEnv());
      TableReaders.JdbcRead read = TableReaders.jdbc(spark, rule, run.runDate(), password);
      persistedRead = read.persisted();
      found = List.of(read.unit());
      if (!known.contains(ledgerKey(rule, read.unit().contentHash()))) {
        fresh.add(read.unit());
        records = read.rows();
      }
    } else {
      found = ExtractFiles.discover(ExtractFiles.resolve(config.landing(), rule.path(), run.runDate()), hadoop);
      Set<String> batch = new HashSet<>();
      for (ExtractUnit f : found) {
        if (!known.contains(ledgerKey(rule, f.contentHash())) && batch.add(f.contentHash())) {
          fresh.add(f);
        }
      }
      if (!fresh.isEmpty()) {
        records = rule.format() == ReaderFormat.PARQUET
            ? TableReaders.parquet(spark, rule, fresh)
            : RecordParser.parse(LineReader.read(spark, fresh, rule.text(),
                HeaderCheck.mismatches(fresh, rule.text(), rule.schema(), hadoop)), rule);
      }
    }
    if (records == null) {
      if (persistedRead != null) {
        persistedRead.unpersist();
      }
      return new EntityIngestResult(rule.source(), rule.entity().key(), rule.label(), found.size(), found.size(),
          0, 0, 0, Map.of(), seconds(start));
    }
    Dataset<Row> classified = RecordClassifier.classify(records, rule).persist(StorageLevel.MEMORY_AND_DISK());
    String hashes = fresh.stream().map(f -> "'" + f.contentHash() + "'").collect(Collectors.joining(", "));
    long accepted = lake.replace(IngestOutputs.bronze(classified, rule, run), Tables.bronze(rule.tableName()),
        "_file_hash IN (" + hashes + ")");
    long quarantined = lake.replace(IngestOutputs.quarantine(classified, rule, run), Tables.REJECTED_ROWS,
        "source = '" + rule.source() + "' AND entity = '" + rule.entity().key() + "' AND file_hash IN (" + hashes + ")");

    Map<String, Long> rowsPerFile = new LinkedHashMap<>();
    Map<String, Long> reasons = new TreeMap<>();
    long read = 0;
    for (Row r : classified.groupBy(col("_file_hash"), col("_error")).count().collectAsList()) {
      rowsPerFile.merge(r.getString(0), r.getLong(2), Long::sum);
      if (!r.isNullAt(1)) {
        reasons.merge(r.getString(1), r.getLong(2), Long::sum);
      }
      read += r.getLong(2);
    }
    if (read != accepted + quarantined) {
      throw new IllegalStateException(String.format("Row counts of %s do not reconcile: read %d, accepted %d, "
          + "quarantined %d", rule.label(), read, accepted, quarantined));
    }
    List<Row> ledger = new ArrayList<>();
    for (ExtractUnit f : fresh) {
      ledger.add(RowFactory.create(rule.source(), rule.entity().key(), f.location(), f.contentHash(), f.bytes(),
          rowsPerFile.getOrDefault(f.contentHash(), 0L), run.runId(), run.startedAt()));
    }
    lake.append(spark.createDataFrame(ledger, IngestOutputs.LEDGER_SCHEMA), Tables.FILE_LEDGER);
    fresh.forEach(f -> known.add(ledgerKey(rule, f.contentHash())));
    classified.unpersist();
    if (persistedRead != null) {
      persistedRead.unpersist();
    }
    return new EntityIngestResult(rule.source(), rule.entity().key(), rule.label(), found.size(),
        found.size() - fresh.size(), read, accepted, quarantined, Map.copyOf(reasons), seconds(start));
  }

  /** Every (source, entity, content hash) in the ledger, read once per run. */
  private Set<String> knownHashes() {
    return lake.read(Tables.FILE_LEDGER).select("source", "entity", "file_hash").distinct().collectAsList().stream()
        .map(r -> r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2))
        .collect(Collectors.toCollection(HashSet::new));
  }

  private static String ledgerKey(EntityRule rule, String contentHash) {
    return rule.source() + "/" + rule.entity().key() + "/" + contentHash;
  }

  private static String describe(EntityIngestResult r) {
    String files = r.filesFound() == 0 ? "no files found"
        : r.filesFound() + " files, " + (r.filesFound() - r.filesSkipped()) + " new";
    String reasons = r.rejectReasons().isEmpty() ? ""
        : " " + r.rejectReasons().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ", "(", ")"));
    return String.format("%-11s %-28s %-20s read %,d  accepted %,d  quarantined %,d%s  %.1f s", NAME, r.label(),
        files, r.rowsRead(), r.rowsAccepted(), r.rowsQuarantined(), reasons, r.seconds());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
