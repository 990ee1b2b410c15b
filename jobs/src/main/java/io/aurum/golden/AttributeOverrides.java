package io.aurum.golden;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_contains_key;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.ConfigProblems;
import io.aurum.config.RuleCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A data steward's corrections of golden values, {@code rules/overrides/golden_attributes.csv} with the header
 * {@code golden_id,field,value,reason}: the value replaces whatever survivorship chose for that field of that golden
 * record, every night until the line is removed, and the golden record's provenance names the steward's line
 * instead of a source record. A malformed line, a field survivorship does not produce, a missing reason or a
 * second value for one field of one customer is a problem at start-up; a value that does not fit the field's type
 * is found by {@link GoldenPreflight}. A golden id that is not current tonight (retired, merged) is not an error:
 * the audit says so.
 */
public record AttributeOverrides(List<Override> overrides) {
  static final String FILE = "golden_attributes.csv";
  private static final List<String> COLUMNS = List.of("golden_id", "field", "value", "reason");
  private static final StructType SCHEMA = StructType.fromDDL(
      "golden_id STRING, field STRING, value STRING, reason STRING, location STRING");
  /** What provenance records as the source of an overridden value. */
  public static final String STEWARD = "steward";

  /** One corrected value; {@code location} is {@code file:line}. */
  public record Override(String goldenId, String field, String value, String reason, String location) {}

  public AttributeOverrides {
    overrides = List.copyOf(overrides);
  }

  /** Whether the steward corrected no value at all. */
  public boolean isEmpty() {
    return overrides.isEmpty();
  }

  /** The overrides of {@code rulesDir/overrides/}, none if the file is absent. */
  static AttributeOverrides load(Path rulesDir, List<String> fields, ConfigProblems problems) {
    Path file = rulesDir.resolve("overrides").resolve(FILE);
    if (!Files.exists(file)) {
      return new AttributeOverrides(List.of());
    }
    List<Override> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (RuleCsv.Line line : RuleCsv.read(file, COLUMNS, message -> problems.add(file.toString(), FILE, message))) {
      Override o = new Override(line.fields().get(0), line.fields().get(1), line.fields().get(2),
          line.fields().get(3), line.location());
      String earlier = seen.putIfAbsent(o.goldenId() + " " + o.field(), o.location());
      if (o.goldenId().isEmpty() || o.value().isEmpty() || o.reason().isEmpty()) {
        problems.add(o.location(), FILE, "golden_id, value and reason are required (the reason is the audit trail)");
      } else if (!fields.contains(o.field())) {
        problems.add(o.location(), FILE, "\"" + o.field() + "\" is not a field of survivorship.conf; fields: " + fields);
      } else if (earlier != null) {
        problems.add(o.location(), FILE, o.field() + " of " + o.goldenId() + " is already overridden at " + earlier);
      } else {
        out.add(o);
      }
    }
    return new AttributeOverrides(out);
  }

  /** {@code golden_id, field, value, reason, location}. */
  public Dataset<Row> rows(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    overrides.forEach(o -> rows.add(RowFactory.create(o.goldenId(), o.field(), o.value(), o.reason(), o.location())));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /**
   * {@code golden} with the overridden fields' values replaced (cast to the field's type) and, in
   * {@code provenance}, the survivorship entry of an overridden single-field attribute replaced by one per overridden
   * field: attribute = the field, source = {@value #STEWARD}, source_id = the file and line, rule = "override: " and
   * the reason. Golden records without overrides are unchanged.
   *
   * @param overrides rows of {@link #rows}
   */
  public static Dataset<Row> apply(Dataset<Row> golden, Dataset<Row> overrides, List<String> fields) {
    String map = "_overrides";
    Dataset<Row> byGolden = overrides.groupBy(col("golden_id").as("_golden_id")).agg(map_from_entries(collect_list(
        struct(col("field"), struct(col("value"), col("reason"), col("location"))))).as(map));
    Dataset<Row> joined = golden.join(functions.broadcast(byGolden),
        golden.col(Survivorship.KEY).equalTo(byGolden.col("_golden_id")), "left");
    List<Column> out = new ArrayList<>();
    for (String c : golden.columns()) {
      if (fields.contains(c)) {
        Column override = element_at(col(map), lit(c));
        out.add(when(override.isNotNull(), override.getField("value").cast(golden.schema().apply(c).dataType()))
            .otherwise(col(c)).as(c));
      } else if (c.equals("provenance")) {
        Column steward = transform(functions.map_entries(col(map)), e -> struct(e.getField("key").as("attribute"),
            lit(STEWARD).as("source"), e.getField("value").getField("location").as("source_id"),
            concat(lit("override: "), e.getField("value").getField("reason")).as("rule")));
        Column kept = filter(col(c), p -> functions.not(functions.coalesce(map_contains_key(col(map),
            p.getField("attribute")), lit(false))));
        out.add(when(col(map).isNull(), col(c)).otherwise(functions.concat(kept, steward)).as(c));
      } else {
        out.add(col(c));
      }
    }
    return joined.select(out.toArray(Column[]::new));
  }
}
