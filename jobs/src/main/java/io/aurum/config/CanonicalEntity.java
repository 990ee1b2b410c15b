package io.aurum.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of record a source can deliver and their canonical fields, in the order Aurum stores them.
 * A source rule maps its own columns onto these fields; fields it does not map are null. Values are kept
 * as text except where a type is given, so that standardization (not ingestion) decides what is valid.
 */
public enum CanonicalEntity {
  CUSTOMERS("customers", fields(
      "source_id", "string", "full_name", "string", "given_name", "string", "family_name", "string",
      "birth_date", "string", "gender", "string", "email", "string", "phone", "string",
      "street", "string", "city", "string", "region", "string", "postcode", "string",
      "country", "string", "national_id", "string", "updated_at", "timestamp")),
  ORDERS("orders", fields(
      "source_id", "string", "customer_source_id", "string", "ordered_at", "timestamp",
      "amount", "decimal(18,2)", "currency", "string", "status", "string", "updated_at", "timestamp"));

  /** The mapping key every source must provide: the record's id in its own system. */
  public static final String SOURCE_ID = "source_id";

  private final String key;
  private final Map<String, String> fieldTypes;

  CanonicalEntity(String key, Map<String, String> fieldTypes) {
    this.key = key;
    this.fieldTypes = fieldTypes;
  }

  /** Name used in rule files and table names, e.g. {@code customers}. */
  public String key() {
    return key;
  }

  /** Canonical field name to Spark SQL type, in storage order. */
  public Map<String, String> fieldTypes() {
    return fieldTypes;
  }

  public List<String> fields() {
    return List.copyOf(fieldTypes.keySet());
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(CanonicalEntity::key).toList();
  }

  private static Map<String, String> fields(String... nameTypePairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      m.put(nameTypePairs[i], nameTypePairs[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }
}
