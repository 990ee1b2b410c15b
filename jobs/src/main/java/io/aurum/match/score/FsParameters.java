package io.aurum.match.score;

import java.util.Map;

/**
 * Fellegi-Sunter parameters: {@code lambda}, the probability that two records drawn at random are the same
 * person (the prior of every pair, however it was found), and, per comparison, the probability of
 * each level (0 .. else) among matching pairs ({@code m}) and among non-matching pairs ({@code u}).
 */
public record FsParameters(double lambda, Map<String, double[]> m, Map<String, double[]> u) {
  public FsParameters {
    m = Map.copyOf(m);
    u = Map.copyOf(u);
  }

  /** log2 of the prior odds of a match. */
  public double priorWeight() {
    return log2(lambda / (1 - lambda));
  }

  /** The match weight of {@code level} of comparison {@code name}: log2(m / u). */
  public double weight(String name, int level) {
    return log2(m.get(name)[level] / u.get(name)[level]);
  }

  public FsParameters withM(double newLambda, Map<String, double[]> newM) {
    return new FsParameters(newLambda, newM, u);
  }

  public static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
