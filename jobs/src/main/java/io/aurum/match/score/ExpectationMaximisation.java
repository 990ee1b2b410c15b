package io.aurum.match.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Estimates m probabilities and the share of matches by expectation-maximisation, without labels, from the
 * distinct comparison vectors of the candidate pairs and how often each occurs. u stays fixed (estimated from
 * random pairs, as Splink does). A comparison at its null level (-1) carries no evidence and is skipped.
 */
public final class ExpectationMaximisation {
  /** Probabilities never go below this, so that no level can veto a match on its own. */
  static final double FLOOR = 1e-6;

  /** One distinct comparison vector (levels in the order of {@code names}) and its number of pairs. */
  public record Pattern(int[] levels, long count) {}

  /** The estimate and how it ended. */
  public record Outcome(FsParameters parameters, int iterations, boolean converged) {}

  private ExpectationMaximisation() {}

  /**
   * @param names       comparison names, in the order of {@link Pattern#levels()}
   * @param start       starting lambda and m, and the fixed u
   * @param onIteration called after each iteration with its number and largest change of an m probability
   */
  public static Outcome run(List<String> names, List<Pattern> patterns, FsParameters start, int maxIterations,
                            double convergence, IterationListener onIteration) {
    return iterate(names, patterns, start, true, maxIterations, convergence, onIteration);
  }

  /** Estimates only lambda, with m and u fixed (e.g. m averaged over several training sessions). */
  public static Outcome lambdaOnly(List<String> names, List<Pattern> patterns, FsParameters start, int maxIterations,
                                   double convergence, IterationListener onIteration) {
    return iterate(names, patterns, start, false, maxIterations, convergence, onIteration);
  }

  private static Outcome iterate(List<String> names, List<Pattern> patterns, FsParameters start, boolean updateM,
                                 int maxIterations, double convergence, IterationListener onIteration) {
    FsParameters current = start;
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      FsParameters stepped = step(names, patterns, current);
      FsParameters next = updateM ? stepped : current.withM(stepped.lambda(), current.m());
      double change = largestChange(current, next);
      onIteration.iteration(iteration, change, next.lambda());
      current = next;
      if (change < convergence) {
        return new Outcome(current, iteration, true);
      }
    }
    return new Outcome(current, maxIterations, false);
  }

  /** Progress of one iteration. */
  @FunctionalInterface
  public interface IterationListener {
    void iteration(int number, double largestChange, double lambda);

    static IterationListener of(Consumer<String> log) {
      return (n, change, lambda) -> log.accept(String.format("EM iteration %d: largest m change %.6f, lambda %.4f",
          n, change, lambda));
    }
  }

  static FsParameters step(List<String> names, List<Pattern> patterns, FsParameters p) {
    Map<String, double[]> matchMass = new LinkedHashMap<>();
    for (String name : names) {
      matchMass.put(name, new double[p.m().get(name).length]);
    }
    double totalMatch = 0;
    double total = 0;
    for (Pattern pattern : patterns) {
      double mass = matchProbability(names, pattern.levels(), p) * pattern.count();
      totalMatch += mass;
      total += pattern.count();
      for (int k = 0; k < names.size(); k++) {
        int level = pattern.levels()[k];
        if (level >= 0) {
          matchMass.get(names.get(k))[level] += mass;
        }
      }
    }
    Map<String, double[]> m = new LinkedHashMap<>();
    matchMass.forEach((name, mass) -> m.put(name, normalised(mass)));
    double lambda = Math.min(1 - FLOOR, Math.max(FLOOR, totalMatch / total));
    return p.withM(lambda, m);
  }

  /** The probability that a pair with these levels (in the order of {@code names}) is a match under {@code p}. */
  public static double matchProbability(List<String> names, int[] levels, FsParameters p) {
    double logOdds = Math.log(p.lambda() / (1 - p.lambda()));
    for (int k = 0; k < names.size(); k++) {
      int level = levels[k];
      if (level >= 0) {
        logOdds += Math.log(p.m().get(names.get(k))[level] / p.u().get(names.get(k))[level]);
      }
    }
    return 1 / (1 + Math.exp(-logOdds));
  }

  /** Mass per level as probabilities summing to 1, each at least {@link #FLOOR}. */
  static double[] normalised(double[] mass) {
    double sum = 0;
    for (double v : mass) {
      sum += v;
    }
    double[] out = new double[mass.length];
    double total = 0;
    for (int i = 0; i < mass.length; i++) {
      out[i] = Math.max(FLOOR, sum == 0 ? 1.0 / mass.length : mass[i] / sum);
      total += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= total;
    }
    return out;
  }

  private static double largestChange(FsParameters a, FsParameters b) {
    double max = Math.abs(a.lambda() - b.lambda());
    for (String name : a.m().keySet()) {
      double[] x = a.m().get(name);
      double[] y = b.m().get(name);
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }
}
