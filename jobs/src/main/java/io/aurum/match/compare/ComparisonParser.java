package io.aurum.match.compare;

import io.aurum.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one comparison of {@code rules/match.conf}. The types other than {@code custom} are templates that spell
 * out their levels in SQL (exact first, then the thresholds in the order given).
 */
public final class ComparisonParser {
  static final List<String> TYPES = List.of("exact", "jaro-winkler", "levenshtein", "jaccard", "date", "numeric",
      "distance", "custom");

  private ComparisonParser() {}

  /** The comparison, or null after recording its problems. */
  public static Comparison parse(ConfigReader c) {
    String name = c.string("name");
    if (name != null && !name.matches("[a-z][a-z0-9_]*")) {
      c.problem("name", "a comparison name is lower-case letters, digits and _ (it names columns), got \"" + name + "\"");
    }
    String type = c.oneOf("type", null, TYPES);
    String tfField = null;
    List<Comparison.Level> levels = new ArrayList<>();
    List<String> nullIfMissing;
    if ("custom".equals(type)) {
      for (ConfigReader level : c.objects("levels")) {
        String label = level.string("label");
        String sql = level.string("sql");
        level.rejectUnknownKeys();
        if (label != null && sql != null) {
          levels.add(new Comparison.Level(label, sql));
        }
      }
      if (levels.isEmpty()) {
        c.problem("levels", "a custom comparison needs levels = [{ label = ..., sql = ... }, ...]");
      }
      nullIfMissing = c.stringList("null-if-missing", List.of());
      tfField = c.string("term-frequency", null);
    } else if ("distance".equals(type)) {
      String lat = c.string("latitude");
      String lon = c.string("longitude");
      nullIfMissing = lat == null || lon == null ? List.of() : List.of(lat, lon);
      if (!nullIfMissing.isEmpty()) {
        levels.addAll(distanceLevels(c, lat, lon));
      }
    } else {
      String field = c.string("field");
      nullIfMissing = field == null ? List.of() : List.of(field);
      if (type != null && field != null) {
        levels.addAll(templateLevels(c, type, field));
      }
      tfField = c.bool("term-frequency", false) ? field : null;
    }
    c.rejectUnknownKeys();
    return name == null || type == null || levels.isEmpty() ? null
        : new Comparison(name, levels, nullIfMissing, tfField);
  }

  private static List<Comparison.Level> templateLevels(ConfigReader c, String type, String f) {
    String l = f + "_l";
    String r = f + "_r";
    List<Comparison.Level> levels = new ArrayList<>();
    levels.add(new Comparison.Level("exact", l + " = " + r));
    switch (type) {
      case "jaro-winkler" -> thresholds(c, List.of("0.92", "0.80"), 0, 1).forEach(t -> levels.add(new Comparison.Level(
          "jaro-winkler >= " + t, JaroWinkler.SQL_NAME + "(" + l + ", " + r + ") >= " + t)));
      case "levenshtein" -> thresholds(c, List.of("1", "2"), 1, 100).forEach(t -> levels.add(new Comparison.Level(
          "levenshtein <= " + t, "levenshtein(" + l + ", " + r + ") <= " + t)));
      case "jaccard" -> thresholds(c, List.of("0.8", "0.5"), 0, 1).forEach(t -> levels.add(new Comparison.Level(
          "jaccard >= " + t, "size(array_intersect(split(" + l + ", ' '), split(" + r + ", ' '))) / "
              + "size(array_union(split(" + l + ", ' '), split(" + r + ", ' '))) >= " + t)));
      case "date" -> {
        String y = "year(" + l + ") = year(" + r + ")";
        String m = "month(" + l + ") = month(" + r + ")";
        String d = "day(" + l + ") = day(" + r + ")";
        levels.add(new Comparison.Level("one-off", "(" + y + " AND " + m + ") OR (" + y + " AND " + d + ") OR ("
            + m + " AND " + d + ") OR (" + y + " AND month(" + l + ") = day(" + r + ") AND day(" + l + ") = month("
            + r + "))"));
        levels.add(new Comparison.Level("same year", y));
      }
      case "numeric" -> thresholds(c, List.of("1", "5"), 0, 1e12).forEach(t -> levels.add(new Comparison.Level(
          "within " + t, "abs(cast(" + l + " AS DOUBLE) - cast(" + r + " AS DOUBLE)) <= " + t)));
      default -> { } // exact: the one level
    }
    return levels;
  }

  /** Same point, then great-circle (haversine) distance in km within each threshold. */
  private static List<Comparison.Level> distanceLevels(ConfigReader c, String lat, String lon) {
    String lat1 = "radians(" + lat + "_l)";
    String lat2 = "radians(" + lat + "_r)";
    String km = "2 * 6371.0 * asin(sqrt(pow(sin((" + lat2 + " - " + lat1 + ") / 2), 2) + cos(" + lat1 + ") * cos("
        + lat2 + ") * pow(sin(radians(" + lon + "_r - " + lon + "_l) / 2), 2)))";
    List<Comparison.Level> levels = new ArrayList<>();
    levels.add(new Comparison.Level("same point", lat + "_l = " + lat + "_r AND " + lon + "_l = " + lon + "_r"));
    thresholds(c, List.of("1", "10"), 0, 20_000).forEach(t -> levels.add(new Comparison.Level("within " + t + " km",
        km + " <= " + t)));
    return levels;
  }

  private static List<String> thresholds(ConfigReader c, List<String> defaults, double min, double max) {
    List<String> out = new ArrayList<>();
    for (String t : c.stringList("thresholds", defaults)) {
      try {
        double v = Double.parseDouble(t);
        if (v < min || v > max) {
          c.problem("thresholds", "each threshold is from " + min + " to " + max + ", got " + t);
        } else {
          out.add(t);
        }
      } catch (NumberFormatException e) {
        c.problem("thresholds", "expected numbers, got \"" + t + "\"");
      }
    }
    return out;
  }
}
