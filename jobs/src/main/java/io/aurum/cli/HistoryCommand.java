package io.aurum.cli;

import static org.apache.spark.sql.functions.col;

import io.aurum.config.AurumConfig;
import io.aurum.golden.GoldenStage;
import io.aurum.lake.Lakehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aurum history}: one golden customer's versions, id events and source records. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Print one golden customer's versions (gold.customer_history), the id events that name it "
        + "(created, split, merged, retired) and the source records it holds (gold.customer_xref).")
final class HistoryCommand extends SparkCommand {
  @Parameters(index = "0", paramLabel = "GOLDEN_ID")
  String goldenId;

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    Lakehouse lake = new Lakehouse(spark, config.lakehouse());
    if (missing(lake, GoldenStage.HISTORY, "golden")) {
      return ExitCode.BAD_CONFIGURATION;
    }
    out().println(goldenId);
    out().println("versions");
    for (Row v : lake.read(GoldenStage.HISTORY).where(col("golden_id").equalTo(goldenId)).orderBy("version")
        .collectAsList()) {
      out().printf("  v%d  %s .. %s%s%n    %s%n", v.getInt(1), v.get(2), v.isNullAt(3) ? "" : v.get(3),
          v.getBoolean(4) ? "  (current)" : "", v.isNullAt(6) ? "" : v.getString(6));
    }
    out().println("id events");
    for (Row e : lake.read(GoldenStage.ID_EVENTS)
        .where(col("golden_id").equalTo(goldenId).or(col("related_id").equalTo(goldenId)))
        .orderBy("recorded_at").collectAsList()) {
      String related = e.isNullAt(4) ? "" : (e.getString(2).equals("split") ? " split from " : " into ") + e.getString(4);
      out().printf("  %s  %-8s %s%s  (%d records)%n", e.get(1), e.getString(2), e.getString(3), related, e.getLong(5));
    }
    out().println("source records");
    for (Row x : lake.read(GoldenStage.XREF).where(col("golden_id").equalTo(goldenId)).orderBy("record_id")
        .collectAsList()) {
      out().printf("  %s  first seen %s  last seen %s%n", x.getString(0), x.get(5), x.get(6));
    }
    return ExitCode.OK;
  }
}
