package io.aurum.config;

import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * How one entity (customers or orders) of one source is read and mapped onto canonical fields.
 *
 * @param source     source name, e.g. {@code crm}
 * @param entity     the canonical entity delivered
 * @param format     reader format
 * @param path       file path or glob below the landing area ({@code ${run_date}} allowed); null for jdbc
 * @param text       options of csv/json readers; null for other formats
 * @param jdbc       database settings; null unless format is jdbc
 * @param schema     the declared schema of the source columns
 * @param mapping    canonical field to Spark SQL expression over source columns
 * @param attributes further attribute name to Spark SQL expression, kept as a map column
 * @param locations  "file:line" of each mapping and attribute entry, keyed like {@code mapping.email}
 * @param ruleFile   the rule file this came from
 */
public record EntityRule(
    String source,
    CanonicalEntity entity,
    ReaderFormat format,
    String path,
    TextOptions text,
    JdbcSettings jdbc,
    StructType schema,
    Map<String, String> mapping,
    Map<String, String> attributes,
    Map<String, String> locations,
    String ruleFile) {

  /** Bronze table name, e.g. {@code crm_customers}. */
  public String tableName() {
    return source + "_" + entity.key();
  }

  /** "crm.customers", for messages and metrics. */
  public String label() {
    return source + "." + entity.key();
  }

  public String location(String key) {
    return locations.getOrDefault(key, ruleFile);
  }
}
