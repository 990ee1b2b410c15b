package io.aurum.standardize;

import static io.aurum.standardize.Transforms.emptyToNull;
import static io.aurum.standardize.Transforms.nullString;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.Column;

/** Transforms of postal addresses: the house number as its own column, and postcodes per country. */
final class AddressTransforms {
  static final List<String> HOUSE_NUMBER_PATTERNS = List.of("^(\\d+[A-Za-z]?)\\b", "(\\d+)\\s*号");

  private AddressTransforms() {}

  static void register(Map<String, Transforms.Factory> catalog) {
    catalog.put("house-number", AddressTransforms::houseNumber);
    catalog.put("postcode", AddressTransforms::postcode);
  }

  /** Copies the house number (group 1 of the first pattern that finds one) into the column {@code into}. */
  private static Transform houseNumber(ConfigReader p, Lookups lookups, List<String> placeholders) {
    List<String> patterns = p.stringList("patterns", HOUSE_NUMBER_PATTERNS);
    patterns.forEach(pattern -> checkPattern(p, "patterns", pattern, 1));
    String into = p.string("into", "house_number");
    return (v, f, r) -> {
      Column number = coalesce(patterns.stream().map(pattern -> emptyToNull(regexp_extract(v, pattern, 1)))
          .toArray(Column[]::new));
      return new Step(v, List.of(), Map.of(into, number));
    };
  }

  /**
   * Upper-cases a postcode and removes spaces and hyphens; where the record's country has a format, a code
   * matching its pattern is rewritten to the format (e.g. {@code SW115FO} to {@code SW11 5FO}) and one that
   * does not match is the issue {@code <field>.invalid}.
   */
  private static Transform postcode(ConfigReader p, Lookups lookups, List<String> placeholders) {
    String regionField = p.string("region-field", "country");
    boolean nullInvalid = Transforms.nullInvalid(p, "keep");
    Map<String, String[]> formats = new LinkedHashMap<>();
    p.child("formats").ifPresent(all -> {
      for (String country : all.keys()) {
        all.child(country).ifPresent(c -> {
          String pattern = c.string("pattern");
          String format = c.string("format", "$0");
          if (pattern != null && checkPattern(c, "pattern", pattern, 0)) {
            formats.put(country.toUpperCase(Locale.ROOT), new String[] {pattern, format});
          }
          c.rejectUnknownKeys();
        });
      }
    });
    return (v, f, r) -> {
      Column region = upper(r.getOrDefault(regionField, nullString()));
      String compactName = "_" + f + "_compact";
      Column compact = col(compactName);
      Column value = upper(v);
      Column invalid = null;
      for (Map.Entry<String, String[]> e : formats.entrySet()) {
        String pattern = e.getValue()[0];
        Column here = region.equalTo(e.getKey());
        Column matches = compact.rlike(pattern);
        Column bad = here.and(compact.isNotNull()).and(matches.unary_$bang());
        value = when(here.and(matches), regexp_replace(compact, pattern, e.getValue()[1]))
            .when(bad, nullInvalid ? nullString() : compact).otherwise(value);
        invalid = invalid == null ? bad : invalid.or(bad);
      }
      Step step = invalid == null ? Step.of(value)
          : Step.of(value, new Step.Issue(f + ".invalid", coalesce(invalid, lit(false))));
      return step.withHelper(compactName, emptyToNull(upper(regexp_replace(v, "[\\s\\-]+", ""))));
    };
  }

  private static boolean checkPattern(ConfigReader p, String key, String pattern, int groups) {
    try {
      if (Pattern.compile(pattern).matcher("").groupCount() < groups) {
        p.problem(key, "\"" + pattern + "\" needs a capturing group for the value");
        return false;
      }
      return true;
    } catch (PatternSyntaxException e) {
      p.problem(key, "not a valid regular expression: " + e.getDescription());
      return false;
    }
  }
}
