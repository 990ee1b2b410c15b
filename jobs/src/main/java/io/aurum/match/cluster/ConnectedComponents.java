package io.aurum.match.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph in Spark, never collected to the driver: every vertex starts with
 * its own id as label and takes the smallest label among itself and its neighbours until no label changes (one
 * iteration per step of the longest shortest path). The component id is the smallest vertex id in it, so it
 * does not depend on partitioning. Each iteration is logged with the labels it changed, and checkpointed
 * locally so that the plan does not grow.
 */
public final class ConnectedComponents {
  private ConnectedComponents() {}

  /**
   * @param edges {@code src}, {@code dst} (string vertex ids; direction ignored)
   * @return {@code id}, {@code component} for every vertex that has an edge
   */
  public static Dataset<Row> of(Dataset<Row> edges, int maxIterations, Consumer<String> log) {
    Dataset<Row> both = edges.select(col("src"), col("dst"))
        .union(edges.select(col("dst").as("src"), col("src").as("dst")))
        .where(col("src").notEqual(col("dst"))).distinct().localCheckpoint();
    Dataset<Row> labels = both.groupBy(col("src").as("id")).agg(least(min("dst"), min("src")).as("component"))
        .localCheckpoint();
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      Dataset<Row> next = both.join(labels, both.col("src").equalTo(labels.col("id")))
          .groupBy(col("dst").as("id")).agg(min("component").as("neighbour"))
          .join(labels, "id")
          .select(col("id"), least(col("component"), col("neighbour")).as("component"), col("component").as("was"))
          .localCheckpoint();
      long changed = next.where(col("component").notEqual(col("was"))).count();
      log.accept(String.format("connected components iteration %d: %,d labels changed", iteration, changed));
      labels = next.drop("was");
      if (changed == 0) {
        return labels;
      }
    }
    throw new IllegalStateException("connected components did not converge in " + maxIterations
        + " iterations: a chain of links that long is not a customer; check the auto-match threshold");
  }
}
