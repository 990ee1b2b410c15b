package io.aurum.match.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The expected number of true matches among the candidate pairs, from which the prior is set. Each group of pairs
 * is judged by the training session of the first blocking rule (in rule order) that found it: with that session's
 * share of matches among the rule's pairs as prior odds and only the comparisons the rule does not imply as
 * evidence. An EM over all candidate pairs with every comparison instead counts the agreement a rule
 * guarantees (a shared name among pairs blocked on the name) as evidence, and on a large population, where most
 * pairs blocked on name and city are namesakes, believes most of them match.
 */
final class ExpectedMatches {
  /** A trained session: the comparisons it used (indexes into all comparisons) and its parameters over them. */
  record Session(List<Integer> comparisons, FsParameters parameters) {
    double matchProbability(int[] levels, List<String> allNames) {
      List<String> names = new ArrayList<>();
      int[] own = new int[comparisons.size()];
      for (int i = 0; i < own.length; i++) {
        names.add(allNames.get(comparisons.get(i)));
        own[i] = levels[comparisons.get(i)];
      }
      return ExpectationMaximisation.matchProbability(names, own, parameters);
    }
  }

  private ExpectedMatches() {}

  /** The session that judges {@code group}: that of the first rule in {@code ruleOrder} that found it, or null. */
  static Session judge(CandidateGroup group, List<String> ruleOrder, Map<String, Session> sessions) {
    for (String rule : ruleOrder) {
      if (group.foundBy(rule) && sessions.containsKey(rule)) {
        return sessions.get(rule);
      }
    }
    return null;
  }

  /**
   * @param others judges the groups no rule session covers (pairs found only by MinHash), over all comparisons
   * @param names  the names of all comparisons, in the order of {@link CandidateGroup#levels()}
   */
  static double of(List<CandidateGroup> groups, List<String> ruleOrder, Map<String, Session> sessions, Session others,
                   List<String> names) {
    double expected = 0;
    for (CandidateGroup g : groups) {
      Session session = judge(g, ruleOrder, sessions);
      expected += g.count() * (session == null ? others : session).matchProbability(g.levels(), names);
    }
    return expected;
  }
}
