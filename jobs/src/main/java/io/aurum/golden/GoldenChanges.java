package io.aurum.golden;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.aurum.lake.Lakehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What downstream systems must sync since a version or time of {@code gold.customers}: each golden id changed since
 * then, once, with its latest change from Delta's change feed, named as a customer event: {@code created} (or
 * {@code split} from another id), {@code updated}, {@code merged} (into {@code related_id}) or {@code retired}.
 */
public final class GoldenChanges {
  private GoldenChanges() {}

  /**
   * @param since a version number of {@code gold.customers} or a timestamp
   * @return {@code golden_id, change, related_id, version, committed_at}, ordered by version and id
   */
  public static Dataset<Row> since(Lakehouse lake, String since) {
    Dataset<Row> latest = lake.changes(GoldenStage.CUSTOMERS, since)
        .where(col("_change_type").notEqual("update_preimage"))
        .groupBy("golden_id").agg(max_by(struct(col("_change_type"), col("_commit_version"), col("_commit_timestamp")),
            col("_commit_version")).as("c"));
    Dataset<Row> events = lake.read(GoldenStage.ID_EVENTS).groupBy("golden_id")
        .agg(max_by(struct(col("event"), col("related_id")), col("recorded_at")).as("e"));
    Column type = col("c._change_type");
    return latest.join(events, new String[] {"golden_id"}, "left")
        .select(col("golden_id"),
            when(type.equalTo("insert"), when(col("e.event").equalTo("split"), "split").otherwise("created"))
                .when(type.equalTo("update_postimage"), "updated")
                .otherwise(when(col("e.event").equalTo("merged"), "merged").otherwise("retired")).as("change"),
            when(col("e.event").isin("split", "merged").and(type.notEqual("update_postimage")), col("e.related_id"))
                .as("related_id"),
            col("c._commit_version").as("version"), col("c._commit_timestamp").as("committed_at"))
        .orderBy("version", "golden_id");
  }
}
