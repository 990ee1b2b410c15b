package io.aurum.match.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One comparison of {@code rules/match.conf}: the levels a pair of records can be at for one aspect (name, birth
 * date, email), best first. A pair is at the first level whose condition holds, at {@link #elseLevel()} when none
 * does, and at {@link #NULL_LEVEL} when a column of {@code nullIfMissing} is missing on either side.
 *
 * @param name          names the pair columns {@code gamma_<name>} and {@code mw_<name>}
 * @param levels        conditions in Spark SQL over {@code <column>_l} and {@code <column>_r}
 * @param nullIfMissing columns whose absence makes the comparison carry no evidence
 * @param termFrequency column whose value frequency adjusts the weight of level 0 (exact), or null
 */
public record Comparison(String name, List<Level> levels, List<String> nullIfMissing, String termFrequency) {
  public static final int NULL_LEVEL = -1;
  private static final Pattern SIDE_COLUMN = Pattern.compile("\\b([A-Za-z][A-Za-z0-9_]*)_[lr]\\b");

  /** One labelled level: {@code label} is what explain and the parameters file show. */
  public record Level(String label, String sql) {}

  public Comparison {
    levels = List.copyOf(levels);
    nullIfMissing = List.copyOf(nullIfMissing);
  }

  /** The level a pair agreeing on nothing listed is at (one past the last listed level). */
  public int elseLevel() {
    return levels.size();
  }

  /** Labels of the levels 0 .. elseLevel. */
  public List<String> labels() {
    List<String> out = new ArrayList<>(levels.stream().map(Level::label).toList());
    out.add("else");
    return out;
  }

  /** The record columns this comparison reads (from {@code <column>_l} / {@code _r} in its conditions). */
  public Set<String> columns() {
    Set<String> out = new LinkedHashSet<>(nullIfMissing);
    for (Level level : levels) {
      Matcher m = SIDE_COLUMN.matcher(level.sql());
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    if (termFrequency != null) {
      out.add(termFrequency);
    }
    return out;
  }

  public String gammaColumn() {
    return "gamma_" + name;
  }

  public String weightColumn() {
    return "mw_" + name;
  }

  /** Column of a record's relative frequency of its {@link #termFrequency} value. */
  public String tfColumn() {
    return "tf_" + name;
  }
}
