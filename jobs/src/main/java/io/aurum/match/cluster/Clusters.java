package io.aurum.match.cluster;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.struct;

import io.aurum.match.block.CandidatePairs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Clusters of records from scored pairs: connected components over the links at or above the auto-match
 * probability; a component larger than {@code maxSize} is split again by {@link GreedyClustering} using only
 * links at or above {@code strictProbability}. Every record gets a cluster (alone if it has no link); the
 * cluster id is the smallest record id in it.
 */
public final class Clusters {
  private static final String ID = CandidatePairs.ID;
  private static final StructType ASSIGNMENT = new StructType()
      .add(ID, DataTypes.StringType, false).add("part", DataTypes.StringType, false);

  /** How clusters are formed ({@code thresholds} and {@code clustering} in match.conf). */
  public record Settings(double autoMatch, int maxSize, double strictProbability, int maxIterations) {}

  private Clusters() {}

  /**
   * @param records {@code record_id} of every record
   * @param scored  {@code record_id_l}, {@code record_id_r}, {@code match_probability}
   * @return {@code record_id}, {@code cluster_id}, {@code cluster_size}
   */
  public static Dataset<Row> assign(Dataset<Row> records, Dataset<Row> scored, Settings settings,
                                    Consumer<String> log) {
    Dataset<Row> links = scored.where(col("match_probability").geq(settings.autoMatch()))
        .select(col(ID + "_l").as("src"), col(ID + "_r").as("dst"), col("match_probability"));
    Dataset<Row> components = ConnectedComponents.of(links, settings.maxIterations(), log);
    Dataset<Row> first = records.select(ID).join(components, records.col(ID).equalTo(components.col("id")), "left")
        .select(col(ID), coalesce(col("component"), col(ID)).as("cluster_id"))
        .withColumn("cluster_size", count("*").over(Window.partitionBy("cluster_id")));
    Dataset<Row> oversized = first.where(col("cluster_size").gt(settings.maxSize()));
    Dataset<Row> parts = splitOversized(oversized, links, settings);
    return first.join(parts, ID, "left")
        .select(col(ID), coalesce(col("part"), col("cluster_id")).as("cluster_id"))
        .withColumn("cluster_size", count("*").over(Window.partitionBy("cluster_id")));
  }

  private static Dataset<Row> splitOversized(Dataset<Row> oversized, Dataset<Row> links, Settings settings) {
    Dataset<Row> members = oversized.groupBy("cluster_id").agg(collect_list(ID).as("members"));
    Dataset<Row> clusterLinks = links.join(oversized.select(col(ID).as("src"), col("cluster_id")), "src")
        .groupBy("cluster_id").agg(collect_list(struct("src", "dst", "match_probability")).as("links"));
    Dataset<Row> grouped = members.join(clusterLinks, "cluster_id", "left");
    int maxSize = settings.maxSize();
    double strict = settings.strictProbability();
    return grouped.flatMap((FlatMapFunction<Row, Row>) row -> {
      List<String> records = row.getList(row.fieldIndex("members"));
      List<GreedyClustering.Link> list = new ArrayList<>();
      List<Row> raw = row.isNullAt(row.fieldIndex("links")) ? List.of() : row.getList(row.fieldIndex("links"));
      raw.forEach(l -> list.add(new GreedyClustering.Link(l.getString(0), l.getString(1), l.getDouble(2))));
      Map<String, String> parts = GreedyClustering.split(records, list, maxSize, strict);
      List<Row> out = new ArrayList<>();
      parts.forEach((record, part) -> out.add(RowFactory.create(record, part)));
      return out.iterator();
    }, Encoders.row(ASSIGNMENT));
  }
}
