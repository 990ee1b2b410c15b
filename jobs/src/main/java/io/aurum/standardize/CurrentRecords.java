package io.aurum.standardize;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Picks each source record's current version from the canonical rows of all ingested extracts of any number
 * of sources. A snapshot source's current records are those of its latest ingested extract (a record missing
 * from it is gone); a delta source's are the latest version of every record ever delivered. Within that, one
 * row per source id survives: the most recently updated, then the latest ingested.
 */
public final class CurrentRecords {
  private CurrentRecords() {}

  /**
   * @param canonical       canonical rows ({@code source, source_id, updated_at} and lineage) of one entity
   * @param snapshotSources the sources among them that deliver full snapshots
   */
  public static Dataset<Row> select(Dataset<Row> canonical, Set<String> snapshotSources) {
    Dataset<Row> candidates = canonical;
    if (!snapshotSources.isEmpty()) {
      // An aggregate, not a window over the source: that would put all of a source's rows in one task.
      Column snapshot = col("source").isin(snapshotSources.toArray());
      Dataset<Row> latest = canonical.where(snapshot)
          .groupBy(col("source").as("_latest_source")).agg(max("_run_id").as("_latest_run"));
      candidates = canonical.join(broadcast(latest), col("source").equalTo(col("_latest_source")), "left")
          .where(not(snapshot).or(col("_run_id").equalTo(col("_latest_run"))))
          .drop("_latest_source", "_latest_run");
    }
    WindowSpec latest = Window.partitionBy("source", "source_id").orderBy(col("updated_at").desc_nulls_last(),
        col("_ingested_at").desc(), col("_file").desc(), col("_row_number").desc());
    return candidates.withColumn("_version", row_number().over(latest)).where(col("_version").equalTo(1))
        .drop("_version");
  }
}
