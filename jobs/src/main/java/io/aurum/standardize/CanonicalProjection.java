package io.aurum.standardize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.aurum.config.CanonicalEntity;
import io.aurum.config.EntityRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Maps a bronze table's rows onto the canonical fields of their entity with the source rule's mapping
 * expressions (unmapped fields are null), gathers further attributes into a map, and keeps the lineage.
 *
 * <p>Output: {@code source, source_id}, the entity's canonical fields in order, {@code attributes},
 * {@code _run_id, _file, _row_number, _ingested_at, _row_hash}.
 */
public final class CanonicalProjection {
  public static final List<String> LINEAGE = List.of("_run_id", "_file", "_row_number", "_ingested_at", "_row_hash");

  private CanonicalProjection() {}

  public static Dataset<Row> project(Dataset<Row> bronze, EntityRule rule) {
    List<Column> out = new ArrayList<>();
    out.add(lit(rule.source()).as("source"));
    out.add(col("_source_id").as(CanonicalEntity.SOURCE_ID));
    rule.entity().fieldTypes().forEach((field, type) -> {
      if (!field.equals(CanonicalEntity.SOURCE_ID)) {
        String mapping = rule.mapping().get(field);
        out.add((mapping == null ? lit(null) : expr(mapping)).cast(type).as(field));
      }
    });
    List<Column> attributes = new ArrayList<>();
    rule.attributes().forEach((name, e) -> {
      attributes.add(lit(name));
      attributes.add(expr(e).cast("string"));
    });
    out.add((attributes.isEmpty() ? functions.map() : functions.map(attributes.toArray(Column[]::new)))
        .cast("map<string,string>").as("attributes"));
    LINEAGE.forEach(c -> out.add(col(c)));
    return bronze.select(out.toArray(Column[]::new));
  }
}
