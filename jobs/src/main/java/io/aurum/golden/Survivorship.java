package io.aurum.golden;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.aurum.golden.SurvivorshipRules.Attribute;
import io.aurum.golden.SurvivorshipRules.Strategy;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Survivorship: one golden record per golden id from its source records, in one aggregation. For every attribute
 * the record whose value is smallest in (valid first if {@code prefer-valid}, the attribute's strategy, the
 * tie-breaks, source, source id) wins; all fields of an attribute come from that one record. Collect-all
 * attributes also keep every distinct value with the sources that hold it ({@code <attribute>_all}). Each chosen
 * value records its provenance: source, source id and the rule.
 */
public final class Survivorship {
  /** Column identifying a golden record in the input. */
  public static final String KEY = "golden_id";

  private Survivorship() {}

  /**
   * @param records silver rows ({@code source, source_id, updated_at, _ingested_at, dq_issues} and the fields of the
   *                rules) with {@code golden_id}
   * @return {@code golden_id}, the fields, {@code <attribute>_all} for collect-all attributes, {@code provenance}
   *     (array of attribute, source, source_id, rule), {@code record_count}, {@code source_systems},
   *     {@code first_seen}, {@code last_updated}
   */
  public static Dataset<Row> golden(Dataset<Row> records, SurvivorshipRules rules) {
    Dataset<Row> in = records;
    for (Attribute a : rules.attributes()) {
      if (needs(a, rules, Strategy.MOST_FREQUENT)) {
        List<Column> by = new ArrayList<>(List.of(col(KEY)));
        a.fields().forEach(f -> by.add(col(f)));
        in = in.withColumn(frequency(a), count(lit(1)).over(Window.partitionBy(by.toArray(Column[]::new))));
      }
    }
    List<Column> aggregates = new ArrayList<>();
    for (Attribute a : rules.attributes()) {
      Column value = struct(a.fields().stream().map(f -> col(f)).toArray(Column[]::new));
      Column pick = struct(value.as("value"), col("source"), col("source_id"));
      aggregates.add(min_by(pick, when(present(a), ordering(a, rules))).as(pickColumn(a)));
      if (a.strategy() == Strategy.COLLECT_ALL) {
        String f = a.fields().get(0);
        aggregates.add(collect_set(when(col(f).isNotNull(), struct(col(f).as("value"), col("source"))))
            .as("_all_" + a.name()));
      }
    }
    aggregates.add(count(lit(1)).as("record_count"));
    aggregates.add(array_sort(collect_set(col("source"))).as("source_systems"));
    aggregates.add(min(col("_ingested_at")).as("first_seen"));
    aggregates.add(max(col("updated_at")).as("last_updated"));
    Dataset<Row> grouped = in.groupBy(col(KEY)).agg(aggregates.get(0),
        aggregates.subList(1, aggregates.size()).toArray(Column[]::new));

    List<Column> out = new ArrayList<>(List.of(col(KEY)));
    List<Column> provenance = new ArrayList<>();
    for (Attribute a : rules.attributes()) {
      Column pick = col(pickColumn(a));
      a.fields().forEach(f -> out.add(pick.getField("value").getField(f).as(f)));
      if (a.strategy() == Strategy.COLLECT_ALL) {
        Column all = col("_all_" + a.name());
        out.add(array_sort(transform(array_sort(array_distinct(transform(all, x -> x.getField("value")))), v -> struct(v.as("value"),
            array_sort(transform(filter(all, x -> x.getField("value").equalTo(v)), x -> x.getField("source")))
                .as("sources")))).as(a.name() + "_all"));
      }
      provenance.add(when(pick.isNotNull(), struct(lit(a.name()).as("attribute"), pick.getField("source").as("source"),
          pick.getField("source_id").as("source_id"), lit(a.ruleLabel()).as("rule"))));
    }
    out.add(filter(array(provenance.toArray(Column[]::new)), p -> p.isNotNull()).as("provenance"));
    for (String c : List.of("record_count", "source_systems", "first_seen", "last_updated")) {
      out.add(col(c));
    }
    return grouped.select(out.toArray(Column[]::new));
  }

  /** The attribute has a value on this record (any of its fields). */
  private static Column present(Attribute a) {
    Column any = lit(false);
    for (String f : a.fields()) {
      any = any.or(col(f).isNotNull());
    }
    return any;
  }

  /** Smaller is better: validity, the strategy, the tie-breaks, then source and source id. */
  private static Column ordering(Attribute a, SurvivorshipRules rules) {
    List<Column> keys = new ArrayList<>();
    if (rules.preferValid()) {
      Column flagged = lit(false);
      for (String f : a.fields()) {
        flagged = flagged.or(exists(coalesce(col("dq_issues"), array()), i -> i.startsWith(f + ".")));
      }
      keys.add(when(flagged, 1).otherwise(0));
    }
    keys.add(key(a, a.chooser()));
    rules.tieBreak().forEach(s -> keys.add(key(a, s)));
    keys.add(col("source"));
    keys.add(col("source_id"));
    List<Column> named = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      named.add(keys.get(i).as("k" + i));
    }
    return struct(named.toArray(Column[]::new));
  }

  private static Column key(Attribute a, Strategy s) {
    return switch (s) {
      case SOURCE_PRIORITY -> {
        Column rank = lit(a.sources().size());
        for (int i = a.sources().size() - 1; i >= 0; i--) {
          rank = when(col("source").equalTo(a.sources().get(i)), i).otherwise(rank);
        }
        yield rank;
      }
      case MOST_RECENT -> coalesce(unix_micros(col("updated_at")).multiply(-1), lit(Long.MAX_VALUE));
      case MOST_FREQUENT -> col(frequency(a)).multiply(-1);
      case LONGEST -> coalesce(length(concat_ws("", a.fields().stream().map(f -> col(f).cast("string"))
          .toArray(Column[]::new))), lit(0)).multiply(-1);
      case FIRST_NON_NULL -> coalesce(unix_micros(col("_ingested_at")), lit(Long.MAX_VALUE));
      case COLLECT_ALL -> throw new IllegalArgumentException("collect-all does not order values");
    };
  }

  private static boolean needs(Attribute a, SurvivorshipRules rules, Strategy s) {
    return a.chooser() == s || rules.tieBreak().contains(s);
  }

  private static String frequency(Attribute a) {
    return "_freq_" + a.name();
  }

  private static String pickColumn(Attribute a) {
    return "_pick_" + a.name();
  }
}
