package io.aurum.standardize;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;

import io.aurum.config.ConfigReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;

/**
 * The catalog of transforms a rule file can name, each built from its parameters by a {@link Factory}.
 * Parameters are read through a {@link ConfigReader}, so a missing, misspelt or ill-typed parameter is
 * reported with file, line and key before any data is touched. The transforms themselves live in one class
 * per kind of data ({@link TextTransforms}, {@link NameTransforms}, {@link ContactTransforms},
 * {@link AddressTransforms}, {@link DateTransforms}); their documentation is in {@code rules/standardize.conf}.
 */
public final class Transforms {

  /** Builds a transform from its parameters; problems go to the reader. */
  @FunctionalInterface
  interface Factory {
    Transform create(ConfigReader params, Lookups lookups, List<String> placeholders);
  }

  private static final Map<String, Factory> CATALOG = new TreeMap<>();

  static {
    TextTransforms.register(CATALOG);
    NameTransforms.register(CATALOG);
    ContactTransforms.register(CATALOG);
    AddressTransforms.register(CATALOG);
    DateTransforms.register(CATALOG);
  }

  private Transforms() {}

  public static List<String> names() {
    return List.copyOf(CATALOG.keySet());
  }

  static Factory factory(String name) {
    return CATALOG.get(name);
  }

  /** A transform that only rewrites the value. */
  static Factory simple(java.util.function.UnaryOperator<Column> f) {
    return (p, l, ph) -> (v, field, record) -> Step.of(f.apply(v));
  }

  /** Null for an empty text; {@code nullif} evaluates {@code c} once, where a CASE WHEN would twice. */
  static Column emptyToNull(Column c) {
    return nullif(c, lit(""));
  }

  static Column nullString() {
    return lit(null).cast("string");
  }

  /** The {@code on-invalid} parameter: keep an invalid value (default) or null it. */
  static boolean nullInvalid(ConfigReader p, String defaultValue) {
    return "null".equals(p.oneOf("on-invalid", defaultValue, List.of("keep", "null")));
  }

  /** The lower-cased keys of a lookup table whose value is {@code kind}. */
  static List<String> keysOfKind(Map<String, String> table, String kind) {
    return table.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(kind)).map(Map.Entry::getKey).toList();
  }
}
