package io.aurum.match.cluster;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
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
 * Clusters of records from scored pairs and a steward's {@link Overrides}: connected components over the links
 * (pairs at or above the auto-match probability, less cannot-link pairs, plus must-link pairs at probability 1).
 * A component larger than {@code maxSize} is split again by {@link GreedyClustering} using only links at or above
 * {@code strictProbability}; a component holding both records of a cannot-link pair is split the same way at
 * the auto-match probability, keeping the two apart. Every record gets a cluster (alone if it has no link); the
 * cluster id is the smallest record id in it. A cluster depends only on the links within its connected component,
 * so the clusters of a set of whole components can be recomputed on their own (what an incremental night does).
 */
public final class Clusters {
  private static final String ID = CandidatePairs.ID;
  private static final StructType ASSIGNMENT = new StructType()
      .add(ID, DataTypes.StringType, false).add("part", DataTypes.StringType, false);

  /**
   * How clusters are formed ({@code thresholds} and {@code clustering} in match.conf).
   *
   * @param inMemoryMaxRecords up to this many records are clustered by {@link InMemoryClusters}, in the driver
   */
  public record Settings(double autoMatch, int maxSize, double strictProbability, int maxIterations,
                         int inMemoryMaxRecords) {}

  private Clusters() {}

  /**
   * @param records   {@code record_id} of every record
   * @param scored    {@code record_id_l}, {@code record_id_r}, {@code match_probability}
   * @param overrides {@code kind} (must_link, cannot_link), {@code record_id_l}, {@code record_id_r}
   * @return {@code record_id}, {@code cluster_id}, {@code cluster_size}, {@code component_id} (the connected
   *     component before any split: the smallest record id in it)
   */
  public static Dataset<Row> assign(Dataset<Row> records, Dataset<Row> scored, Dataset<Row> overrides,
                                    Settings settings, Consumer<String> log) {
    Dataset<Row> ids = records.select(ID);
    Dataset<Row> cannot = overrides.where(col("kind").equalTo("cannot_link"))
        .select(col(ID + "_l").as("src"), col(ID + "_r").as("dst"));
    Dataset<Row> must = overrides.where(col("kind").equalTo("must_link"))
        .join(ids.select(col(ID).as(ID + "_l")), ID + "_l").join(ids.select(col(ID).as(ID + "_r")), ID + "_r")
        .select(col(ID + "_l").as("src"), col(ID + "_r").as("dst"), lit(1.0).as("match_probability"));
    Dataset<Row> links = scored.where(col("match_probability").geq(settings.autoMatch()))
        .select(col(ID + "_l").as("src"), col(ID + "_r").as("dst"), col("match_probability"))
        .join(cannot, new String[] {"src", "dst"}, "left_anti")
        .unionByName(must)
        .groupBy("src", "dst").agg(max("match_probability").as("match_probability"));
    Dataset<Row> components = ConnectedComponents.of(links, settings.maxIterations(), log);
    Dataset<Row> first = ids.join(components, ids.col(ID).equalTo(components.col("id")), "left")
        .select(col(ID), coalesce(col("component"), col(ID)).as("cluster_id"))
        .withColumn("cluster_size", count("*").over(Window.partitionBy("cluster_id")));
    Dataset<Row> apart = cannot
        .join(first.select(col(ID).as("src"), col("cluster_id")), "src")
        .join(first.select(col(ID).as("dst"), col("cluster_id").as("cluster_r")), "dst")
        .where(col("cluster_id").equalTo(col("cluster_r")))
        .groupBy("cluster_id").agg(collect_list(struct("src", "dst")).as("apart"));
    Dataset<Row> toSplit = first.where(col("cluster_size").gt(settings.maxSize())).select("cluster_id").distinct()
        .join(apart, new String[] {"cluster_id"}, "full_outer");
    Dataset<Row> parts = split(first.join(toSplit, "cluster_id"), links, settings);
    return first.join(parts, ID, "left")
        .select(col(ID), coalesce(col("part"), col("cluster_id")).as("cluster_id"),
            col("cluster_id").as("component_id"))
        .withColumn("cluster_size", count("*").over(Window.partitionBy("cluster_id")));
  }

  /** Parts of the clusters of {@code members} ({@code record_id}, {@code cluster_id}, {@code cluster_size}, apart). */
  private static Dataset<Row> split(Dataset<Row> members, Dataset<Row> links, Settings settings) {
    Dataset<Row> grouped = members.groupBy("cluster_id").agg(collect_list(ID).as("members"),
            max("cluster_size").as("size"), first("apart").as("apart"))
        .join(links.join(members.select(col(ID).as("src"), col("cluster_id")), "src")
            .groupBy("cluster_id").agg(collect_list(struct("src", "dst", "match_probability")).as("links")),
            new String[] {"cluster_id"}, "left");
    int maxSize = settings.maxSize();
    double strict = settings.strictProbability();
    double autoMatch = settings.autoMatch();
    return grouped.flatMap((FlatMapFunction<Row, Row>) row -> {
      List<String> records = row.getList(row.fieldIndex("members"));
      List<GreedyClustering.Link> list = new ArrayList<>();
      for (Row l : nullAsEmpty(row, "links")) {
        list.add(new GreedyClustering.Link(l.getString(0), l.getString(1), l.getDouble(2)));
      }
      List<GreedyClustering.Apart> apart = new ArrayList<>();
      for (Row a : nullAsEmpty(row, "apart")) {
        apart.add(new GreedyClustering.Apart(a.getString(0), a.getString(1)));
      }
      double min = row.getLong(row.fieldIndex("size")) > maxSize ? strict : autoMatch;
      Map<String, String> parts = GreedyClustering.split(records, list, apart, maxSize, min);
      List<Row> out = new ArrayList<>();
      parts.forEach((record, part) -> out.add(RowFactory.create(record, part)));
      return out.iterator();
    }, Encoders.row(ASSIGNMENT));
  }

  private static List<Row> nullAsEmpty(Row row, String field) {
    int i = row.fieldIndex(field);
    return row.isNullAt(i) ? List.of() : row.getList(i);
  }
}
