package io.aurum.match.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Candidate pairs sharing one comparison vector ({@code levels}, one per comparison, -1 for null) and one set of
 * blocking rules that found them, and how many pairs that is: the unit training works on, so that the pairs
 * themselves never reach the driver.
 */
record CandidateGroup(int[] levels, Set<String> rules, long count) {
  boolean foundBy(String rule) {
    return rules.contains(rule);
  }

  /** The groups' vectors restricted to the comparisons at {@code indexes}, equal vectors merged. */
  static List<ExpectationMaximisation.Pattern> patterns(List<CandidateGroup> groups, List<Integer> indexes) {
    Map<List<Integer>, Long> counts = new LinkedHashMap<>();
    for (CandidateGroup g : groups) {
      counts.merge(indexes.stream().map(k -> g.levels[k]).toList(), g.count, Long::sum);
    }
    List<ExpectationMaximisation.Pattern> out = new ArrayList<>();
    counts.forEach((levels, count) -> out.add(
        new ExpectationMaximisation.Pattern(levels.stream().mapToInt(Integer::intValue).toArray(), count)));
    return out;
  }

  @Override
  public String toString() {
    return Arrays.toString(levels) + " " + rules + " x" + count;
  }
}
