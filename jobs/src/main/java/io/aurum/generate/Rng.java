package io.aurum.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic randomness for one generated entity: seeded from (run seed, entity id, stream), so any
 * executor recomputes exactly the same person or record regardless of partitioning.
 */
final class Rng {
  private final SplittableRandom random;

  Rng(long seed, long id, long stream) {
    this.random = new SplittableRandom(mix(mix(seed) ^ mix(id * 0x9E3779B97F4A7C15L + stream)));
  }

  /** SplitMix64 finalizer: spreads nearby seeds over the whole space. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform value in [0, 1) that depends only on (seed, key): the same for every caller. */
  static double uniform(long seed, long key) {
    return (mix(mix(seed) + key) >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  double uniform() {
    return random.nextDouble();
  }

  int between(int lowInclusive, int highInclusive) {
    return random.nextInt(lowInclusive, highInclusive + 1);
  }

  String digits(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }

  /** Picks an index with probability proportional to {@code weights[i]}. */
  int weighted(double[] cumulativeWeights) {
    double total = cumulativeWeights[cumulativeWeights.length - 1];
    double x = random.nextDouble() * total;
    int lo = 0;
    int hi = cumulativeWeights.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeWeights[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  double exponential(double rate) {
    return -Math.log(1.0 - random.nextDouble()) / rate;
  }

  /** Gamma(shape, rate) by Marsaglia and Tsang; shape below 1 uses the boost U^(1/shape). */
  double gamma(double shape, double rate) {
    if (shape < 1.0) {
      return gamma(shape + 1.0, rate) * Math.pow(random.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x = gaussian();
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v / rate;
      }
    }
  }

  double beta(double a, double b) {
    double x = gamma(a, 1.0);
    return x / (x + gamma(b, 1.0));
  }

  double gaussian() {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
