package io.aurum.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.match.score.ExpectationMaximisation;
import io.aurum.match.score.FsParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** EM recovers known m probabilities and the share of matches from simulated comparison vectors, given u. */
class ExpectationMaximisationTest {
  private static final List<String> NAMES = List.of("name", "birth_date", "email");
  private static final Map<String, double[]> TRUE_M = Map.of(
      "name", new double[] {0.80, 0.15, 0.05},
      "birth_date", new double[] {0.70, 0.20, 0.10},
      "email", new double[] {0.60, 0.40});
  private static final Map<String, double[]> TRUE_U = Map.of(
      "name", new double[] {0.01, 0.09, 0.90},
      "birth_date", new double[] {0.02, 0.18, 0.80},
      "email", new double[] {0.001, 0.999});

  @Test
  void recoversMAndLambdaFromSimulatedPairs() {
    double lambda = 0.3;
    List<ExpectationMaximisation.Pattern> patterns = simulate(200_000, lambda, 7);
    Map<String, double[]> startM = new LinkedHashMap<>();
    NAMES.forEach(n -> {
      double[] flat = new double[TRUE_M.get(n).length];
      Arrays.fill(flat, 1.0 / flat.length);
      flat[0] += 0.1; // a nudge towards "level 0 is agreement", as the real start does
      startM.put(n, flat);
    });
    ExpectationMaximisation.Outcome out = ExpectationMaximisation.run(NAMES, patterns,
        new FsParameters(0.5, startM, TRUE_U), 200, 1e-7, (i, change, l) -> { });
    assertTrue(out.converged(), "converged in " + out.iterations());
    assertEquals(lambda, out.parameters().lambda(), 0.01);
    for (String n : NAMES) {
      for (int level = 0; level < TRUE_M.get(n).length; level++) {
        assertEquals(TRUE_M.get(n)[level], out.parameters().m().get(n)[level], 0.02, n + " level " + level);
      }
    }
  }

  @Test
  void lambdaOnlyKeepsMAndEstimatesTheShareOfMatches() {
    List<ExpectationMaximisation.Pattern> patterns = simulate(100_000, 0.1, 11);
    ExpectationMaximisation.Outcome out = ExpectationMaximisation.lambdaOnly(NAMES, patterns,
        new FsParameters(0.5, TRUE_M, TRUE_U), 200, 1e-7, (i, change, l) -> { });
    assertEquals(0.1, out.parameters().lambda(), 0.01);
    assertEquals(TRUE_M.get("name")[0], out.parameters().m().get("name")[0], 1e-12);
  }

  @Test
  void aMissingComparisonCarriesNoEvidence() {
    List<ExpectationMaximisation.Pattern> patterns = new ArrayList<>(simulate(50_000, 0.3, 3));
    // The same vectors again with email missing: the estimate of the other comparisons must not move much.
    simulate(50_000, 0.3, 3).forEach(p -> patterns.add(new ExpectationMaximisation.Pattern(
        new int[] {p.levels()[0], p.levels()[1], -1}, p.count())));
    ExpectationMaximisation.Outcome out = ExpectationMaximisation.run(NAMES, patterns,
        new FsParameters(0.5, TRUE_M, TRUE_U), 200, 1e-7, (i, change, l) -> { });
    assertEquals(TRUE_M.get("email")[0], out.parameters().m().get("email")[0], 0.03);
    assertEquals(TRUE_M.get("name")[0], out.parameters().m().get("name")[0], 0.03);
  }

  private static List<ExpectationMaximisation.Pattern> simulate(int pairs, double lambda, long seed) {
    Random random = new Random(seed);
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < pairs; i++) {
      boolean match = random.nextDouble() < lambda;
      int[] levels = new int[NAMES.size()];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = draw((match ? TRUE_M : TRUE_U).get(NAMES.get(k)), random);
      }
      counts.merge(Arrays.toString(levels), 1L, Long::sum);
    }
    List<ExpectationMaximisation.Pattern> out = new ArrayList<>();
    counts.forEach((k, n) -> out.add(new ExpectationMaximisation.Pattern(
        Arrays.stream(k.substring(1, k.length() - 1).split(", ")).mapToInt(Integer::parseInt).toArray(), n)));
    return out;
  }

  private static int draw(double[] probabilities, Random random) {
    double x = random.nextDouble();
    for (int i = 0; i < probabilities.length; i++) {
      x -= probabilities[i];
      if (x < 0) {
        return i;
      }
    }
    return probabilities.length - 1;
  }
}
