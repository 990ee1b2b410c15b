package io.aurum.match;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Compares clusters with a truth (which records are one entity): pairwise precision, recall and F1, B-cubed
 * precision and recall, and the false merges (clusters holding several entities) and missed merges (entities
 * spread over several clusters), with a few examples of each. Pair counts come from cluster-by-entity cell sizes,
 * so no pair is ever built; only aggregates and examples reach the driver.
 */
public final class ClusterEvaluation {
  private static final int EXAMPLES = 5;
  private static final String[] KEY = {"source", "source_id"};

  /**
   * @param records           records in both the clusters and the truth (the others are not scored)
   * @param clustersOnly      clustered records the truth does not mention
   * @param truthOnly         truth records with no cluster
   * @param falseMerges       clusters holding records of two or more entities
   * @param missedMerges      entities whose records are in two or more clusters
   * @param falseMergeExamples cluster id and the entities it mixes
   * @param missedMergeExamples entity id and the clusters it is spread over
   */
  public record Result(long records, long clustersOnly, long truthOnly, long truePairs, long predictedPairs,
                       long truePositivePairs, double bcubedPrecision, double bcubedRecall, long falseMerges,
                       long missedMerges, List<String> falseMergeExamples, List<String> missedMergeExamples) {
    public double precision() {
      return predictedPairs == 0 ? 1.0 : (double) truePositivePairs / predictedPairs;
    }

    public double recall() {
      return truePairs == 0 ? 1.0 : (double) truePositivePairs / truePairs;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  private ClusterEvaluation() {}

  /**
   * @param clusters {@code source}, {@code source_id}, {@code cluster_id}
   * @param truth    {@code source}, {@code source_id}, {@code entity_id}
   */
  public static Result evaluate(Dataset<Row> clusters, Dataset<Row> truth) {
    Dataset<Row> c = clusters.select(col("source"), col("source_id"), col("cluster_id"));
    Dataset<Row> t = truth.select(col("source"), col("source_id"), col("entity_id"));
    Dataset<Row> both = c.join(t, KEY).persist();
    try {
      long clustersOnly = c.join(t, KEY, "left_anti").count();
      long truthOnly = t.join(c, KEY, "left_anti").count();
      Dataset<Row> cells = both.groupBy("cluster_id", "entity_id").agg(count("*").as("n"))
          .withColumn("cluster_n", sum("n").over(Window.partitionBy("cluster_id")))
          .withColumn("entity_n", sum("n").over(Window.partitionBy("entity_id")));
      Row totals = cells.agg(sum(col("n")), sum(pairs(col("n"))),
          sum(col("n").multiply(col("n")).divide(col("cluster_n"))),
          sum(col("n").multiply(col("n")).divide(col("entity_n")))).first();
      long records = totals.isNullAt(0) ? 0 : totals.getLong(0);
      long truePositive = totals.isNullAt(1) ? 0 : totals.getLong(1);
      long predicted = sumOf(both.groupBy("cluster_id").count().agg(sum(pairs(col("count")))));
      long truePairs = sumOf(both.groupBy("entity_id").count().agg(sum(pairs(col("count")))));
      Dataset<Row> mixed = both.groupBy("cluster_id").agg(countDistinct("entity_id").as("k"),
          collect_set("entity_id").as("entities")).where(col("k").gt(1));
      Dataset<Row> spread = both.groupBy("entity_id").agg(countDistinct("cluster_id").as("k"),
          collect_set("cluster_id").as("clusters")).where(col("k").gt(1));
      return new Result(records, clustersOnly, truthOnly, truePairs, predicted, truePositive,
          records == 0 ? 1 : totals.getDouble(2) / records, records == 0 ? 1 : totals.getDouble(3) / records,
          mixed.count(), spread.count(), examples(mixed, "cluster_id", "entities"),
          examples(spread, "entity_id", "clusters"));
    } finally {
      both.unpersist();
    }
  }

  private static Column pairs(Column n) {
    return n.multiply(n.minus(1)).divide(2).cast("long");
  }

  private static long sumOf(Dataset<Row> oneSum) {
    Row r = oneSum.first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  private static List<String> examples(Dataset<Row> rows, String id, String members) {
    return rows.orderBy(col(id)).limit(EXAMPLES).collectAsList().stream()
        .map(r -> r.getAs(id) + ": " + r.getList(r.fieldIndex(members))).toList();
  }
}
