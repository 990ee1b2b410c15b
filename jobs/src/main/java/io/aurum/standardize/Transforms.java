package io.aurum.standardize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.current_date;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.aurum.config.ConfigReader;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The catalog of transforms a rule file can name, each built from its parameters. Parameters are read
 * through a {@link ConfigReader}, so a missing, misspelt or ill-typed parameter is reported with file, line
 * and key before any data is touched. The documentation of every transform is in
 * {@code rules/standardize.conf}.
 */
public final class Transforms {

  /** Builds a transform from its parameters; problems go to the reader. */
  @FunctionalInterface
  interface Factory {
    Transform create(ConfigReader params, Lookups lookups, List<String> placeholders);
  }

  private static final Map<String, Factory> CATALOG = new TreeMap<>();

  static {
    CATALOG.put("trim", (p, l, ph) -> (v, f, r) -> Step.of(emptyToNull(
        regexp_replace(v, "^[\\s\\u00A0\\u3000]+|[\\s\\u00A0\\u3000]+$", ""))));
    CATALOG.put("collapse-whitespace", (p, l, ph) -> (v, f, r) -> Step.of(regexp_replace(v, "[\\s\\u00A0\\u3000]+", " ")));
    CATALOG.put("nfkc", (p, l, ph) -> (v, f, r) -> Step.of(Udfs.NFKC.apply(v)));
    CATALOG.put("strip-accents", (p, l, ph) -> (v, f, r) -> Step.of(Udfs.STRIP_ACCENTS.apply(v)));
    CATALOG.put("lower", (p, l, ph) -> (v, f, r) -> Step.of(lower(v)));
    CATALOG.put("upper", (p, l, ph) -> (v, f, r) -> Step.of(upper(v)));
    CATALOG.put("remove-punctuation", (p, l, ph) -> (v, f, r) -> Step.of(emptyToNull(regexp_replace(v, "\\p{P}+", ""))));
    CATALOG.put("regex-replace", Transforms::regexReplace);
    CATALOG.put("null-if-placeholder", Transforms::nullIfPlaceholder);
    CATALOG.put("lookup", Transforms::lookup);
    CATALOG.put("email", Transforms::email);
    CATALOG.put("phone-e164", Transforms::phone);
    CATALOG.put("parse-date", Transforms::parseDate);
    CATALOG.put("birth-date-check", Transforms::birthDateCheck);
  }

  private Transforms() {}

  public static List<String> names() {
    return List.copyOf(CATALOG.keySet());
  }

  static Factory factory(String name) {
    return CATALOG.get(name);
  }

  private static Column emptyToNull(Column c) {
    return when(c.equalTo(""), lit(null).cast("string")).otherwise(c);
  }

  private static String onInvalid(ConfigReader p) {
    return p.oneOf("on-invalid", "keep", List.of("keep", "null"));
  }

  private static Transform regexReplace(ConfigReader p, Lookups lookups, List<String> placeholders) {
    String pattern = p.string("pattern");
    String replacement = p.string("replacement", "");
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        p.problem("pattern", "not a valid regular expression: " + e.getDescription());
      }
    }
    return (v, f, r) -> Step.of(emptyToNull(regexp_replace(v, pattern, replacement)));
  }

  /** Values that stand for "nothing" (N/A, 0000000000, noemail@example.com) become null, with an issue. */
  private static Transform nullIfPlaceholder(ConfigReader p, Lookups lookups, List<String> placeholders) {
    List<String> values = p.stringList("values", placeholders).stream()
        .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
    return (v, f, r) -> {
      Column placeholder = lower(trim(v)).isin(values.toArray());
      return Step.of(when(placeholder, lit(null).cast("string")).otherwise(v), new Step.Issue(f + ".placeholder", placeholder));
    };
  }

  /** Maps a value through {@code rules/lookups/<table>.csv} (key compared lower-case). */
  private static Transform lookup(ConfigReader p, Lookups lookups, List<String> placeholders) {
    String table = p.string("table");
    String onMissing = p.oneOf("on-missing", "keep", List.of("keep", "null"));
    Map<String, String> map = table == null ? Map.of() : lookups.table(table, p);
    List<Column> entries = new ArrayList<>();
    map.forEach((k, val) -> {
      entries.add(lit(k));
      entries.add(lit(val));
    });
    Column mapColumn = entries.isEmpty() ? functions.map() : functions.map(entries.toArray(Column[]::new));
    return (v, f, r) -> {
      Column found = element_at(mapColumn, lower(trim(v)));
      Column missing = v.isNotNull().and(found.isNull());
      Column out = "null".equals(onMissing) ? found : coalesce(found, v);
      return Step.of(out, new Step.Issue(f + ".unknown", missing));
    };
  }

  /** Lower-cases and trims an address and checks its syntax; an invalid one is kept or nulled. */
  private static Transform email(ConfigReader p, Lookups lookups, List<String> placeholders) {
    String onInvalid = onInvalid(p);
    return (v, f, r) -> {
      Column e = lower(trim(v));
      Column bad = e.isNotNull().and(e.rlike(EmailSyntax.PATTERN).unary_$bang());
      return Step.of("null".equals(onInvalid) ? when(bad, lit(null).cast("string")).otherwise(e) : e,
          new Step.Issue(f + ".syntax", bad));
    };
  }

  /**
   * E.164 with libphonenumber; the region of numbers without a country code is the record's
   * {@code region-field} (a standardized ISO country) or {@code default-region}. Adds
   * {@code <field>_type} (mobile, fixed, fixed_or_mobile, other) and the issue {@code <field>.invalid}.
   */
  private static Transform phone(ConfigReader p, Lookups lookups, List<String> placeholders) {
    String defaultRegion = p.string("default-region", "US").toUpperCase(Locale.ROOT);
    String regionField = p.string("region-field", "country");
    if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
      p.problem("default-region", "\"" + defaultRegion + "\" is not a region libphonenumber knows (use ISO 3166 alpha-2, e.g. US, CN, GB)");
    }
    String onInvalid = onInvalid(p);
    return (v, f, r) -> {
      Column region = r.getOrDefault(regionField, lit(null).cast("string"));
      Column parsed = Udfs.PHONE.apply(v, region, lit(defaultRegion));
      Column invalid = v.isNotNull().and(parsed.isNull().or(parsed.getField("valid").unary_$bang()));
      Column value = "null".equals(onInvalid) ? when(invalid, lit(null).cast("string")).otherwise(parsed.getField("e164"))
          : coalesce(parsed.getField("e164"), v);
      return new Step(value, List.of(new Step.Issue(f + ".invalid", invalid)), Map.of(f + "_type", parsed.getField("type")));
    };
  }

  /** Parses text with the first matching format into a DATE; text no format reads is an issue. */
  private static Transform parseDate(ConfigReader p, Lookups lookups, List<String> placeholders) {
    List<String> formats = p.stringList("formats", List.of("yyyy-MM-dd"));
    if (formats.isEmpty()) {
      p.problem("formats", "give at least one date format, e.g. [yyyy-MM-dd, dd/MM/yyyy]");
    }
    for (String fmt : formats) {
      try {
        DateTimeFormatter.ofPattern(fmt);
      } catch (IllegalArgumentException e) {
        p.problem("formats", "\"" + fmt + "\" is not a valid date pattern: " + e.getMessage());
      }
    }
    return (v, f, r) -> {
      Column parsed = coalesce(formats.stream().map(fmt -> to_date(v, fmt)).toArray(Column[]::new));
      return Step.of(parsed, new Step.Issue(f + ".unparseable", v.isNotNull().and(parsed.isNull())));
    };
  }

  /** A birth date in the future or more than {@code max-age-years} ago is an issue (and nulled, by default). */
  private static Transform birthDateCheck(ConfigReader p, Lookups lookups, List<String> placeholders) {
    long maxAge = p.integer("max-age-years", 120, 1, 200);
    String onInvalid = p.oneOf("on-invalid", "null", List.of("keep", "null"));
    return (v, f, r) -> {
      Column future = v.gt(current_date());
      Column tooOld = v.lt(functions.add_months(current_date(), (int) (-12 * maxAge)));
      Column bad = future.or(tooOld);
      Column value = "null".equals(onInvalid) ? when(bad, lit(null).cast("date")).otherwise(v) : v;
      return new Step(value, List.of(new Step.Issue(f + ".future", future), new Step.Issue(f + ".too_old", tooOld)), Map.of());
    };
  }

  /** The UDFs behind the transforms that need a library; each wraps a tested static function. */
  static final class Udfs {
    static final UserDefinedFunction NFKC =
        functions.udf((UDF1<String, String>) TextFunctions::nfkc, DataTypes.StringType);
    static final UserDefinedFunction STRIP_ACCENTS =
        functions.udf((UDF1<String, String>) TextFunctions::stripAccents, DataTypes.StringType);
    static final StructType PHONE_TYPE = StructType.fromDDL("e164 STRING, valid BOOLEAN, type STRING, region STRING");
    static final UserDefinedFunction PHONE = functions.udf((UDF3<String, String, String, Row>)
        (raw, region, fallback) -> {
          PhoneStandardizer.Phone p = PhoneStandardizer.parse(raw, region, fallback);
          return p == null ? null : RowFactory.create(p.e164(), p.valid(), p.type(), p.region());
        }, PHONE_TYPE);

    private Udfs() {}
  }

}
