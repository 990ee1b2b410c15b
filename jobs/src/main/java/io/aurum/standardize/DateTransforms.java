package io.aurum.standardize;

import static io.aurum.standardize.Transforms.nullInvalid;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.current_date;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.ConfigReader;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Transforms of dates: parsing with a list of formats, and plausibility of birth dates. */
final class DateTransforms {
  private DateTransforms() {}

  static void register(Map<String, Transforms.Factory> catalog) {
    catalog.put("parse-date", DateTransforms::parseDate);
    catalog.put("birth-date-check", DateTransforms::birthDateCheck);
  }

  /**
   * Parses text with the first matching format into a DATE; text no format reads is an issue (never an error,
   * whatever the session's ANSI setting).
   */
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
      Column parsed = coalesce(formats.stream().map(fmt -> try_to_date(v, fmt)).toArray(Column[]::new));
      return Step.of(parsed, new Step.Issue(f + ".unparseable", v.isNotNull().and(parsed.isNull())));
    };
  }

  /** A birth date in the future or more than {@code max-age-years} ago is an issue (and nulled, by default). */
  private static Transform birthDateCheck(ConfigReader p, Lookups lookups, List<String> placeholders) {
    long maxAge = p.integer("max-age-years", 120, 1, 200);
    boolean nullInvalid = nullInvalid(p, "null");
    return (v, f, r) -> {
      Column future = v.gt(current_date());
      Column tooOld = v.lt(functions.add_months(current_date(), (int) (-12 * maxAge)));
      Column value = nullInvalid ? when(future.or(tooOld), lit(null).cast("date")).otherwise(v) : v;
      return new Step(value, List.of(new Step.Issue(f + ".future", future), new Step.Issue(f + ".too_old", tooOld)),
          Map.of());
    };
  }
}
