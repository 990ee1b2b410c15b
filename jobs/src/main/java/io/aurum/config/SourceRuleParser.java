package io.aurum.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * Parses and checks one source rule file ({@code rules/sources/<name>.conf}) without starting Spark:
 * keys, formats, reader options, the declared schema (DDL) and the mapping's canonical field names.
 * Whether mapping expressions resolve against the schema is checked by the ingest stage before it reads
 * any data, since that needs Spark's analyzer.
 */
public final class SourceRuleParser {
  private static final String NAME_PATTERN = "[a-z][a-z0-9_]*";

  private SourceRuleParser() {}

  public static Optional<SourceRule> parse(File file, ConfigProblems problems) {
    ConfigObject root;
    try {
      root = ConfigFactory.parseFile(file, ConfigParseOptions.defaults()
          .setSyntax(ConfigSyntax.CONF).setAllowMissing(false)).resolve().root();
    } catch (ConfigException e) {
      problems.add(e.origin(), file.getPath(), "cannot parse: " + e.getMessage());
      return Optional.empty();
    }
    ConfigReader r = new ConfigReader(root, "", problems);
    String name = r.string("name");
    if (name != null && !name.matches(NAME_PATTERN)) {
      r.problem("name", "\"" + name + "\" must match " + NAME_PATTERN + " (it becomes part of table names)");
    }
    String description = r.string("description", "");
    String extract = r.oneOf("extract", "snapshot", List.of("snapshot", "delta"));
    List<EntityRule> entities = new ArrayList<>();
    for (CanonicalEntity entity : CanonicalEntity.values()) {
      r.child(entity.key()).ifPresent(c -> parseEntity(name, entity, c, file).ifPresent(entities::add));
    }
    if (entities.isEmpty()) {
      problems.add(root.origin(), file.getPath(),
          "declares no entity; add at least one block named one of: " + String.join(", ", CanonicalEntity.keys()));
    }
    ConfigObject standardize = r.child("standardize").map(ConfigReader::object).orElse(null);
    r.rejectUnknownKeys();
    if (name == null || extract == null || entities.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SourceRule(name, description,
        SourceRule.ExtractKind.valueOf(extract.toUpperCase(Locale.ROOT)), List.copyOf(entities), file.getPath(),
        standardize));
  }

  private static Optional<EntityRule> parseEntity(String source, CanonicalEntity entity, ConfigReader r, File file) {
    int before = r.problems().list().size();
    String formatKey = r.oneOf("format", null, ReaderFormat.keys());
    ReaderFormat format = formatKey == null ? null : ReaderFormat.valueOf(formatKey.toUpperCase(Locale.ROOT));

    String path = null;
    if (format != null && format != ReaderFormat.JDBC) {
      path = r.string("path");
    }
    TextOptions text = null;
    Optional<ConfigReader> options = r.child("options");
    if (format != null && format.lineOriented()) {
      text = parseTextOptions(format, options.orElse(null), r);
    }
    options.ifPresent(o -> {
      if (format != null && !format.lineOriented()) {
        o.keys().forEach(k -> o.problem(k, "format " + format.key() + " takes no reader options"));
      }
    });
    JdbcSettings jdbc = null;
    if (format == ReaderFormat.JDBC) {
      jdbc = r.child("jdbc").map(SourceRuleParser::parseJdbc).orElse(null);
      if (jdbc == null && !r.has("jdbc")) {
        r.problem("jdbc", "format jdbc needs a jdbc { url, table or query, user, password-env } block");
      }
    }
    StructType schema = parseSchema(r);
    Map<String, String> locations = new LinkedHashMap<>();
    Map<String, String> mapping = parseExpressions(r, "mapping", locations);
    for (String field : mapping.keySet()) {
      if (!entity.fieldTypes().containsKey(field)) {
        r.problem("mapping", "unknown canonical field \"" + field + "\" for " + entity.key()
            + "; allowed fields: " + String.join(", ", entity.fields()) + " (put anything else under attributes)");
      }
    }
    if (r.has("mapping") && !mapping.containsKey(CanonicalEntity.SOURCE_ID)) {
      r.problem("mapping", "must map source_id, the record's id in the source system");
    } else if (!r.has("mapping")) {
      r.problem("mapping", "required key is missing (at least source_id = \"<column>\")");
    }
    Map<String, String> attributes = parseExpressions(r, "attributes", locations);
    r.rejectUnknownKeys();
    if (r.problems().list().size() > before || format == null || schema == null) {
      return Optional.empty();
    }
    return Optional.of(new EntityRule(source, entity, format, path, text, jdbc, schema,
        ordered(mapping), ordered(attributes), ordered(locations), file.getPath()));
  }

  private static TextOptions parseTextOptions(ReaderFormat format, ConfigReader o, ConfigReader entity) {
    if (o == null) {
      return defaultsFor(format);
    }
    TextOptions d = defaultsFor(format);
    boolean csv = format == ReaderFormat.CSV;
    boolean header = csv ? o.bool("header", d.header()) : false;
    String delimiter = csv ? singleChar(o, "delimiter", d.delimiter()) : null;
    String quote = csv ? singleChar(o, "quote", d.quote()) : null;
    String escape = csv ? singleChar(o, "escape", d.escape()) : null;
    boolean trim = csv && o.bool("trim", d.trim());
    String nullValue = csv ? o.string("null-value", d.nullValue()) : null;
    String encoding = o.string("encoding", d.encoding());
    checkEncoding(o, encoding);
    String dateFormat = pattern(o, "date-format", d.dateFormat());
    String timestampFormat = pattern(o, "timestamp-format", d.timestampFormat());
    o.rejectUnknownKeys();
    return new TextOptions(header, delimiter, quote, escape, trim, encoding, nullValue, dateFormat, timestampFormat);
  }

  private static TextOptions defaultsFor(ReaderFormat format) {
    boolean csv = format == ReaderFormat.CSV;
    return new TextOptions(csv, csv ? "," : null, csv ? "\"" : null, csv ? "\"" : null, false, "UTF-8",
        csv ? "" : null, "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]");
  }

  private static String singleChar(ConfigReader o, String key, String defaultValue) {
    String v = o.string(key, defaultValue);
    if (v != null && v.length() != 1) {
      o.problem(key, "expected a single character, got \"" + v + "\"");
    }
    return v;
  }

  private static String pattern(ConfigReader o, String key, String defaultValue) {
    String v = o.string(key, defaultValue);
    try {
      DateTimeFormatter.ofPattern(v);
    } catch (IllegalArgumentException e) {
      o.problem(key, "not a valid date-time pattern (" + e.getMessage() + ")");
    }
    return v;
  }

  /** Files are split into lines on byte 0x0A, so the encoding must write line breaks as single ASCII bytes. */
  private static void checkEncoding(ConfigReader o, String encoding) {
    try {
      Charset cs = Charset.forName(encoding);
      if (!Arrays.equals("\n,\"".getBytes(cs), "\n,\"".getBytes(StandardCharsets.US_ASCII))) {
        o.problem("encoding", encoding + " is not ASCII-compatible; line-oriented sources need an encoding such "
            + "as UTF-8, GBK, GB18030, Big5, Shift_JIS, ISO-8859-1 or windows-1252");
      }
    } catch (IllegalArgumentException e) {
      o.problem("encoding", "unknown encoding \"" + encoding + "\" (examples: UTF-8, GBK, ISO-8859-1)");
    }
  }

  private static JdbcSettings parseJdbc(ConfigReader j) {
    String url = j.string("url");
    String table = j.string("table", null);
    String query = j.string("query", null);
    if ((table == null) == (query == null)) {
      j.problem("table", "give exactly one of table or query");
    }
    String user = j.string("user", null);
    String passwordEnv = j.string("password-env", null);
    if (j.has("password")) {
      j.problem("password", "passwords never go in rule files; set password-env to the name of an environment variable");
    }
    String partitionColumn = j.string("partition-column", null);
    long lower = j.integer("lower-bound", 0, Long.MIN_VALUE, Long.MAX_VALUE);
    long upper = j.integer("upper-bound", 0, Long.MIN_VALUE, Long.MAX_VALUE);
    int partitions = (int) j.integer("num-partitions", 1, 1, 1024);
    int fetchSize = (int) j.integer("fetch-size", 10_000, 1, 1_000_000);
    if (partitionColumn != null && !(j.has("lower-bound") && j.has("upper-bound"))) {
      j.problem("partition-column", "a partitioned read needs lower-bound and upper-bound");
    }
    if (url != null && !url.startsWith("jdbc:")) {
      j.problem("url", "expected a JDBC URL starting with jdbc:, got \"" + url + "\"");
    }
    j.rejectUnknownKeys();
    return new JdbcSettings(url, table, query, user, passwordEnv, partitionColumn,
        partitionColumn == null ? null : lower, partitionColumn == null ? null : upper, partitions, fetchSize);
  }

  private static StructType parseSchema(ConfigReader r) {
    String ddl = r.string("schema");
    if (ddl == null) {
      return null;
    }
    try {
      StructType schema = StructType.fromDDL(ddl);
      if (schema.fields().length == 0) {
        r.problem("schema", "declares no column");
        return null;
      }
      return schema;
    } catch (Exception e) { // Spark's ParseException is checked but undeclared, so it cannot be named here
      r.problem("schema", "not a valid schema like \"id STRING, amount DECIMAL(10,2)\": " + ConfigProblems.summary(e));
      return null;
    }
  }

  private static Map<String, String> parseExpressions(ConfigReader r, String key, Map<String, String> locations) {
    Map<String, String> out = new LinkedHashMap<>();
    r.child(key).ifPresent(m -> {
      Map<String, String> values = m.asStringMap();
      m.keys().forEach(k -> {
        String expr = values.get(k);
        if (expr == null || expr.isBlank()) {
          m.problem(k, "expected a Spark SQL expression over the source columns");
        } else {
          out.put(k, expr);
          locations.put(key + "." + k, ConfigProblem.describe(m.origin(k)));
        }
      });
    });
    return out;
  }

  /** An unmodifiable copy that keeps file order, so problems and columns come out as written. */
  private static Map<String, String> ordered(Map<String, String> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
