package io.aurum.standardize;

import static io.aurum.standardize.Transforms.emptyToNull;
import static io.aurum.standardize.Transforms.nullString;
import static io.aurum.standardize.Transforms.simple;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/** Transforms of any text: whitespace, Unicode forms, case, punctuation, placeholders, lookups, words. */
final class TextTransforms {
  private static final String SPACE = "[\\s\\u00A0\\u3000]";
  /** The characters of {@link #SPACE}, for Spark's (regex-free) trim. */
  private static final String SPACE_CHARACTERS = " \t\n\u000B\f\r\u00A0\u3000";

  private TextTransforms() {}

  static void register(Map<String, Transforms.Factory> catalog) {
    catalog.put("trim", simple(v -> emptyToNull(trim(v, SPACE_CHARACTERS))));
    catalog.put("collapse-whitespace", simple(v -> regexp_replace(v, SPACE + "+", " ")));
    catalog.put("nfkc", simple(TransformUdfs.NFKC::apply));
    catalog.put("strip-accents", simple(TransformUdfs.STRIP_ACCENTS::apply));
    catalog.put("romanize", simple(TransformUdfs.ROMANIZE::apply));
    catalog.put("lower", simple(functions::lower));
    catalog.put("upper", simple(functions::upper));
    catalog.put("remove-punctuation", simple(v -> emptyToNull(regexp_replace(v, "\\p{P}+", ""))));
    catalog.put("sort-words", simple(v -> array_join(sort_array(split(v, " ")), " ")));
    catalog.put("regex-replace", TextTransforms::regexReplace);
    catalog.put("prefix", TextTransforms::prefix);
    catalog.put("null-if-placeholder", TextTransforms::nullIfPlaceholder);
    catalog.put("lookup", TextTransforms::lookup);
    catalog.put("lookup-words", TextTransforms::lookupWords);
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

  private static Transform prefix(ConfigReader p, Lookups lookups, List<String> placeholders) {
    int length = (int) p.integer("length", 3, 1, 100);
    return (v, f, r) -> Step.of(substring(v, 1, length));
  }

  /** Values that stand for "nothing" (N/A, 0000000000, noemail@example.com) become null, with an issue. */
  private static Transform nullIfPlaceholder(ConfigReader p, Lookups lookups, List<String> placeholders) {
    List<String> values = p.stringList("values", placeholders).stream()
        .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
    return (v, f, r) -> {
      Column placeholder = lower(trim(v)).isin(values.toArray());
      return Step.of(when(placeholder, nullString()).otherwise(v), new Step.Issue(f + ".placeholder", placeholder));
    };
  }

  /** Maps a whole value through {@code rules/lookups/<table>.csv} (key compared lower-case). */
  private static Transform lookup(ConfigReader p, Lookups lookups, List<String> placeholders) {
    Column map = mapOf(p, lookups);
    boolean nullMissing = "null".equals(p.oneOf("on-missing", "keep", List.of("keep", "null")));
    return (v, f, r) -> {
      Column found = element_at(map, lower(trim(v)));
      Column missing = v.isNotNull().and(found.isNull());
      return Step.of(nullMissing ? found : coalesce(found, v), new Step.Issue(f + ".unknown", missing));
    };
  }

  /** Maps each space-separated word through a lookup table (a trailing dot or comma ignored); others stay. */
  private static Transform lookupWords(ConfigReader p, Lookups lookups, List<String> placeholders) {
    UserDefinedFunction words = TransformUdfs.lookupWords(tableOf(p, lookups));
    return (v, f, r) -> Step.of(words.apply(v));
  }

  private static Column mapOf(ConfigReader p, Lookups lookups) {
    List<Column> entries = new ArrayList<>();
    tableOf(p, lookups).forEach((k, val) -> {
      entries.add(lit(k));
      entries.add(lit(val));
    });
    return entries.isEmpty() ? functions.map().cast("map<string,string>") : functions.map(entries.toArray(Column[]::new));
  }

  /** The lookup table the {@code table} parameter names (keys lower case), empty if it names none. */
  private static Map<String, String> tableOf(ConfigReader p, Lookups lookups) {
    String table = p.string("table");
    return table == null ? Map.of() : lookups.table(table, p);
  }
}
