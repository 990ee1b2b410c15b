package io.aurum.match.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each group of candidate pairs is judged by the session of the first rule that found it, on the comparisons that
 * rule does not imply; groups no session covers by the fallback over every comparison.
 */
class ExpectedMatchesTest {
  private static final List<String> NAMES = List.of("name", "email");
  private static final Map<String, double[]> M = Map.of("name", new double[] {0.9, 0.1}, "email", new double[] {0.8, 0.2});
  private static final Map<String, double[]> U =
      Map.of("name", new double[] {0.01, 0.99}, "email", new double[] {0.001, 0.999});
  private static final List<String> RULE_ORDER = List.of("email", "name_city");
  // The email rule implies email agreement: its session weighs the name only; name_city weighs the email only.
  private static final Map<String, ExpectedMatches.Session> SESSIONS = Map.of(
      "email", new ExpectedMatches.Session(List.of(0), new FsParameters(0.5, M, U)),
      "name_city", new ExpectedMatches.Session(List.of(1), new FsParameters(0.1, M, U)));
  private static final ExpectedMatches.Session OTHERS =
      new ExpectedMatches.Session(List.of(0, 1), new FsParameters(0.2, M, U));

  private static final CandidateGroup BOTH_RULES = new CandidateGroup(new int[] {0, 0}, Set.of("name_city", "email"), 10);
  private static final CandidateGroup NAME_CITY_ONLY = new CandidateGroup(new int[] {0, 1}, Set.of("name_city"), 100);
  private static final CandidateGroup MINHASH_ONLY = new CandidateGroup(new int[] {1, -1}, Set.of(), 5);

  @Test
  void theFirstRuleInConfigOrderJudgesAGroup() {
    assertSame(SESSIONS.get("email"), ExpectedMatches.judge(BOTH_RULES, RULE_ORDER, SESSIONS));
    assertSame(SESSIONS.get("name_city"), ExpectedMatches.judge(NAME_CITY_ONLY, RULE_ORDER, SESSIONS));
    assertNull(ExpectedMatches.judge(MINHASH_ONLY, RULE_ORDER, SESSIONS));
    // A rule without a session (nothing left to weigh once its implied comparisons are out) judges nothing.
    assertSame(SESSIONS.get("name_city"),
        ExpectedMatches.judge(BOTH_RULES, RULE_ORDER, Map.of("name_city", SESSIONS.get("name_city"))));
  }

  @Test
  void expectedMatchesSumEachGroupsCountTimesItsMatchProbability() {
    // Both rules: the email session, name exact only (the shared email is not evidence here): odds 1 x 0.9/0.01.
    double both = 90.0 / 91;
    // name_city only: prior odds 0.1/0.9, email differs: x 0.2/0.999 (the shared name is not evidence).
    double nameCityOdds = 0.1 / 0.9 * 0.2 / 0.999;
    double nameCity = nameCityOdds / (1 + nameCityOdds);
    // MinHash only: prior odds 0.2/0.8, name differs x 0.1/0.99, email missing adds nothing.
    double minhashOdds = 0.25 * 0.1 / 0.99;
    double minhash = minhashOdds / (1 + minhashOdds);
    double expected = ExpectedMatches.of(List.of(BOTH_RULES, NAME_CITY_ONLY, MINHASH_ONLY), RULE_ORDER, SESSIONS,
        OTHERS, NAMES);
    assertEquals(10 * both + 100 * nameCity + 5 * minhash, expected, 1e-9);
  }

  @Test
  void patternsProjectTheGroupsOntoTheSessionsComparisonsAndMergeEqualVectors() {
    List<ExpectationMaximisation.Pattern> byName =
        CandidateGroup.patterns(List.of(BOTH_RULES, NAME_CITY_ONLY, MINHASH_ONLY), List.of(0));
    assertEquals(2, byName.size());
    assertArrayEquals(new int[] {0}, byName.get(0).levels());
    assertEquals(110, byName.get(0).count());
    assertArrayEquals(new int[] {1}, byName.get(1).levels());
    assertEquals(5, byName.get(1).count());
  }
}
