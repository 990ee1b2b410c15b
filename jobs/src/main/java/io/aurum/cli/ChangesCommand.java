package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.golden.GoldenChanges;
import io.aurum.golden.GoldenStage;
import io.aurum.lake.Lakehouse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aurum changes}: golden records created, updated, merged or retired since a version or time. */
@Command(name = "changes", mixinStandardHelpOptions = true,
    description = "Print the golden customers created, split off, updated, merged or retired since a version of "
        + "gold.customers (as `aurum tables` shows it) or a timestamp, once each with its latest change, from Delta's "
        + "change data feed; downstream systems sync from it.")
final class ChangesCommand extends SparkCommand {
  @Option(names = "--since", required = true, paramLabel = "VERSION|TIMESTAMP",
      description = "A table version (e.g. 12) or a timestamp (e.g. '2026-11-22 00:00:00').")
  String since;

  @Mixin
  ReportFormatOption report;

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    Lakehouse lake = new Lakehouse(spark, config.lakehouse());
    if (missing(lake, GoldenStage.CUSTOMERS, "golden")) {
      return ExitCode.BAD_CONFIGURATION;
    }
    Iterator<Row> rows = GoldenChanges.since(lake, since).toLocalIterator();
    if (!report.json()) {
      out().printf("%-8s %-18s %-18s %8s  %s%n", "change", "golden_id", "related_id", "version", "committed_at");
    }
    while (rows.hasNext()) {
      Row r = rows.next();
      if (report.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("change", r.getString(1));
        m.put("golden_id", r.getString(0));
        m.put("related_id", r.getString(2));
        m.put("version", r.getLong(3));
        m.put("committed_at", String.valueOf(r.get(4)));
        out().println(Json.of(m));
      } else {
        out().printf("%-8s %-18s %-18s %8d  %s%n", r.getString(1), r.getString(0),
            r.isNullAt(2) ? "" : r.getString(2), r.getLong(3), r.get(4));
      }
    }
    return ExitCode.OK;
  }
}
