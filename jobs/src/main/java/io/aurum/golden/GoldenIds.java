package io.aurum.golden;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Stable golden ids: tonight's clusters inherit yesterday's ids by their source records. A cluster and a previous
 * golden id are paired when each is the other's largest overlap (ties to the smaller id), so an id goes to at most
 * one cluster and a cluster keeps at most one id. Every other cluster gets a new id; a previous id left without a
 * cluster is merged into the id of the cluster holding most of its records, or retired when none of its records
 * is left. A new id is {@code G} and 16 hex digits of the SHA-256 of the cluster's smallest record id (salted with
 * the run date if that id is taken), so ids are opaque, deterministic and independent of partitioning.
 */
public final class GoldenIds {
  /** The column {@link Result#withAssigned} adds. */
  public static final String ASSIGNED = "assigned_id";

  private GoldenIds() {}

  /**
   * @param assignments {@code cluster_id}, {@code golden_id} of the clusters whose ids were assigned: all of them, or
   *                    those holding a touched record ({@link #assignTouched}); every other cluster keeps its records'
   *                    previous id
   * @param events      {@code event} (created, split, merged, retired), {@code golden_id}, {@code related_id} (the id
   *                    split from or merged into), {@code records} (tonight's records involved)
   */
  public record Result(Dataset<Row> assignments, Dataset<Row> events) {
    /**
     * {@code clusters} ({@code record_id}, {@code cluster_id}) with {@link #ASSIGNED}: the id assigned to the
     * record's cluster, null for a cluster that keeps its records' previous ids ({@link #tonightsId}).
     */
    public Dataset<Row> withAssigned(Dataset<Row> clusters) {
      return clusters.join(assignments.select(col("cluster_id"), col("golden_id").as(ASSIGNED)),
          new String[] {"cluster_id"}, "left");
    }
  }

  /** A record's golden id tonight: its cluster's {@link #ASSIGNED} id, else the record's id of last night. */
  public static Column tonightsId(Column assigned, Column previous) {
    return coalesce(assigned, previous);
  }

  /**
   * @param clusters {@code record_id}, {@code cluster_id} of tonight
   * @param previous {@code record_id}, {@code golden_id} of the last run (empty on the first night)
   * @param issued   {@code golden_id} of every id taken (repeats allowed): issued on an earlier night, or held by a
   *                 record last night
   * @return an id for every cluster and the events, over the clusters' overlap with the previous ids and the new
   *     ids, which are computed here once (two Spark jobs) because both results read them
   */
  public static Result assign(Dataset<Row> clusters, Dataset<Row> previous, Dataset<Row> issued, String runDate) {
    return assign(clusters, previous, issued, runDate, false);
  }

  /** {@link #assign}; with {@code fewClusters} the new ids are broadcast to the taken ids, which are not shuffled. */
  private static Result assign(Dataset<Row> clusters, Dataset<Row> previous, Dataset<Row> issued, String runDate,
                               boolean fewClusters) {
    Dataset<Row> overlap = clusters.join(previous, "record_id").groupBy("cluster_id", "golden_id")
        .agg(count(lit(1)).as("n"));
    // Materialised: the assignments and the events both read it, and it takes the population's overlap to build.
    Dataset<Row> ranked = overlap
        .withColumn("rank_c", row_number().over(Window.partitionBy("cluster_id").orderBy(col("n").desc(),
            col("golden_id"))))
        .withColumn("rank_g", row_number().over(Window.partitionBy("golden_id").orderBy(col("n").desc(),
            col("cluster_id"))))
        .localCheckpoint();
    Dataset<Row> kept = ranked.where(col("rank_c").equalTo(1).and(col("rank_g").equalTo(1)))
        .select("cluster_id", "golden_id");
    Dataset<Row> sizes = clusters.groupBy("cluster_id").agg(count(lit(1)).as("records"));
    Dataset<Row> candidates = sizes.join(kept, new String[] {"cluster_id"}, "left_anti")
        .withColumn("_candidate", newId(col("cluster_id")));
    // The taken ids among the candidates only: the ids ever issued are as many as the customers.
    Dataset<Row> candidateIds = candidates.select("_candidate");
    Dataset<Row> taken = issued.select(col("golden_id").as("_candidate"))
        .join(fewClusters ? broadcast(candidateIds) : candidateIds, new String[] {"_candidate"}, "left_semi")
        .distinct().withColumn("_taken", lit(true));
    Dataset<Row> fresh = candidates.join(taken, new String[] {"_candidate"}, "left")
        .withColumn("golden_id", when(col("_taken"), newId(concat(col("cluster_id"), lit("|" + runDate))))
            .otherwise(col("_candidate")))
        .select("cluster_id", "golden_id", "records")
        .localCheckpoint();
    Dataset<Row> assignments = kept.unionByName(fresh.select("cluster_id", "golden_id"));

    // A new id is a split when most of its records belonged to a previous id, else a creation.
    Dataset<Row> origin = ranked.where(col("rank_c").equalTo(1)).select(col("cluster_id"),
        col("golden_id").as("related_id"));
    Dataset<Row> created = fresh.join(origin, new String[] {"cluster_id"}, "left")
        .select(when(col("related_id").isNull(), "created").otherwise("split").as("event"), col("golden_id"),
            col("related_id"), col("records"));
    // A previous id without a cluster: merged into the id of its largest part, or retired when nothing is left.
    Dataset<Row> gone = previous.select("golden_id").distinct().join(kept, new String[] {"golden_id"}, "left_anti");
    Dataset<Row> target = ranked.where(col("rank_g").equalTo(1)).select(col("golden_id"), col("cluster_id"), col("n"))
        .join(assignments.select(col("cluster_id"), col("golden_id").as("related_id")), "cluster_id");
    Dataset<Row> ended = gone.join(target, new String[] {"golden_id"}, "left")
        .select(when(col("related_id").isNull(), "retired").otherwise("merged").as("event"), col("golden_id"),
            col("related_id"), coalesce(col("n"), lit(0L)).as("records"));
    return new Result(assignments, created.unionByName(ended));
  }

  /**
   * {@link #assign} when only the clusters holding a {@code touched} record can differ from last night's: the
   * records whose row in {@code match.clusters} was inserted, updated or deleted since the night {@code previous}
   * was written (few on an incremental night). A cluster without a touched record holds exactly the records of
   * one of last night's clusters (its id and size, which every record's row carries, are unchanged, and no record
   * joined it), so it keeps that cluster's id, and neither it nor its id overlaps a touched cluster; the
   * overlaps, ids and events are computed for the touched clusters and their previous ids alone, with the same
   * result as over all clusters (and over any more clusters). The assignments are few and broadcast.
   *
   * @param touched {@code record_id}, {@code cluster_id} of every changed row (as Delta's change feed gives it:
   *                inserted, deleted, before and after an update), so the last of a record's rows names its cluster
   *                tonight; the earlier rows' clusters only add whole clusters
   */
  public static Result assignTouched(Dataset<Row> clusters, Dataset<Row> previous, Dataset<Row> touched,
                                     Dataset<Row> issued, String runDate) {
    Dataset<Row> touchedIds = broadcast(touched.select("record_id").distinct());
    Dataset<Row> scopeClusters = clusters.join(broadcast(touched.select("cluster_id").distinct()), "cluster_id")
        .localCheckpoint();
    Dataset<Row> scopeIds = previous.join(broadcast(scopeClusters.select("record_id").unionByName(touchedIds)
        .distinct()), "record_id").select("golden_id").distinct();
    Dataset<Row> scopePrevious = previous.join(broadcast(scopeIds), "golden_id").localCheckpoint();
    Result scoped = assign(scopeClusters, scopePrevious, issued, runDate, true);
    return new Result(broadcast(scoped.assignments()), scoped.events());
  }

  /** {@code G} and the first 16 hex digits (upper case) of the SHA-256 of {@code seed}. */
  static Column newId(Column seed) {
    return concat(lit("G"), upper(substring(sha2(seed, 256), 1, 16)));
  }
}
