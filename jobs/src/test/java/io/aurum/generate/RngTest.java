package io.aurum.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The samplers behind the purchase model have the moments their parameters promise (fixed seed). */
class RngTest {
  private static double mean(java.util.function.DoubleSupplier draw, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += draw.getAsDouble();
    }
    return sum / n;
  }

  @Test
  void gammaMeanIsShapeOverRate() {
    Rng rng = new Rng(1, 2, 3);
    assertEquals(3.0 / 4.0, mean(() -> rng.gamma(3.0, 4.0), 200_000), 0.01);
    assertEquals(0.9 / 40.0, mean(() -> rng.gamma(0.9, 40.0), 200_000), 0.0005, "shape below one");
  }

  @Test
  void betaMeanIsAOverAPlusB() {
    Rng rng = new Rng(1, 2, 4);
    assertEquals(0.8 / 3.8, mean(() -> rng.beta(0.8, 3.0), 200_000), 0.005);
  }

  @Test
  void weightedPickFollowsTheWeights() {
    Rng rng = new Rng(5, 6, 7);
    double[] cumulative = {1, 4, 10};
    int[] hits = new int[3];
    for (int i = 0; i < 100_000; i++) {
      hits[rng.weighted(cumulative)]++;
    }
    assertEquals(0.1, hits[0] / 100_000.0, 0.01);
    assertEquals(0.3, hits[1] / 100_000.0, 0.01);
    assertEquals(0.6, hits[2] / 100_000.0, 0.01);
  }
}
