package io.aurum.match.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.aurum.match.block.BlockingRule;
import io.aurum.match.block.CandidatePairs;
import io.aurum.match.compare.Comparison;
import io.aurum.match.compare.ComparisonVectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Unsupervised estimation of {@link FsParameters}: u from random record pairs, then m and lambda by
 * {@link ExpectationMaximisation} on the candidate pairs. Only small aggregates reach the driver (level counts
 * and distinct comparison vectors), never pairs.
 */
public final class Training {
  /** Records per bucket of the random-pair sample: pairs are drawn within buckets (an equi-join, no cross join). */
  static final int BUCKET_RECORDS = 1000;
  /** Resolution of the sampling fraction: a record is drawn when its id's hash modulo this falls below a bound. */
  private static final long SAMPLE_SCALE = 1L << 30;

  /** How training is run ({@code training} in match.conf). */
  public record Settings(long uPairs, int maxIterations, double convergence, long seed) {}

  /** The parameters and the EM run that produced them. */
  public record Outcome(FsParameters parameters, long randomPairs, int iterations, boolean converged) {}

  private Training() {}

  /**
   * u from random pairs; m by one EM session per blocking rule on the pairs that rule found, leaving out the
   * comparisons the rule implies, averaged over the sessions that estimated it (as Splink does); the prior from
   * the {@link ExpectedMatches} among the candidate pairs. The candidate pairs are read once, as the distinct
   * comparison vectors per set of rules that found them.
   */
  public static Outcome train(Dataset<Row> records, long recordCount, Dataset<Row> vectors, long candidatePairs,
                              List<Comparison> comparisons, List<BlockingRule> blocking, Settings settings,
                              Consumer<String> log) {
    Dataset<Row> random = randomPairs(records, recordCount, settings);
    Map<String, long[]> uCounts = levelCounts(ComparisonVectors.compare(random, records, comparisons), comparisons);
    long randomPairs = uCounts.isEmpty() ? 0 : total(uCounts.values().iterator().next());
    Map<String, double[]> u = new LinkedHashMap<>();
    uCounts.forEach((name, counts) -> u.put(name, smoothed(counts)));
    List<CandidateGroup> groups = groups(vectors, comparisons);
    Map<String, List<double[]>> estimates = new LinkedHashMap<>();
    comparisons.forEach(c -> estimates.put(c.name(), new ArrayList<>()));
    Map<String, ExpectedMatches.Session> sessions = new LinkedHashMap<>();
    int iterations = 0;
    boolean converged = true;
    for (BlockingRule rule : blocking) {
      List<Integer> kept = new ArrayList<>();
      for (int k = 0; k < comparisons.size(); k++) {
        if (!rule.implies().contains(comparisons.get(k).name())) {
          kept.add(k);
        }
      }
      List<Comparison> session = kept.stream().map(comparisons::get).toList();
      List<ExpectationMaximisation.Pattern> patterns =
          CandidateGroup.patterns(groups.stream().filter(g -> g.foundBy(rule.name())).toList(), kept);
      if (session.isEmpty() || patterns.isEmpty()) {
        continue;
      }
      ExpectationMaximisation.Outcome em = ExpectationMaximisation.run(names(session), patterns,
          start(session, u), settings.maxIterations(), settings.convergence(),
          ExpectationMaximisation.IterationListener.of(line -> log.accept("[" + rule.name() + "] " + line)));
      session.forEach(c -> estimates.get(c.name()).add(em.parameters().m().get(c.name())));
      sessions.put(rule.name(), new ExpectedMatches.Session(kept, em.parameters()));
      iterations += em.iterations();
      converged &= em.converged();
    }
    Map<String, double[]> m = averaged(estimates);
    List<String> ruleOrder = blocking.stream().map(BlockingRule::name).toList();
    List<CandidateGroup> uncovered = groups.stream().filter(g -> ExpectedMatches.judge(g, ruleOrder, sessions) == null)
        .toList();
    List<Integer> all = new ArrayList<>();
    for (int k = 0; k < comparisons.size(); k++) {
      all.add(k);
    }
    // Pairs no trained rule found (MinHash alone): their share of matches by EM over every comparison, m fixed.
    ExpectationMaximisation.Outcome rest = uncovered.isEmpty()
        ? new ExpectationMaximisation.Outcome(new FsParameters(0.5, m, u), 0, true)
        : ExpectationMaximisation.lambdaOnly(names(comparisons), CandidateGroup.patterns(uncovered, all),
            new FsParameters(0.5, m, u), settings.maxIterations(), settings.convergence(),
            ExpectationMaximisation.IterationListener.of(line -> log.accept("[other] " + line)));
    double expectedMatches = ExpectedMatches.of(groups, ruleOrder, sessions,
        new ExpectedMatches.Session(all, rest.parameters()), names(comparisons));
    // Blocking only saves work: the prior of a pair is the chance that two records drawn at random match, i.e. the
    // expected matches among the candidates (all matches, if blocking misses none) over all pairs of records.
    double allPairs = recordCount * (recordCount - 1) / 2.0;
    double lambda = Math.min(0.5, Math.max(1 / Math.max(2, allPairs), expectedMatches / Math.max(1, allPairs)));
    log.accept(String.format("[prior] %,.0f expected matches among %,d candidate pairs (%.4f): prior %.3g over %,.0f "
        + "record pairs", expectedMatches, candidatePairs, expectedMatches / Math.max(1, candidatePairs), lambda,
        allPairs));
    return new Outcome(new FsParameters(lambda, m, u), randomPairs, iterations + rest.iterations(),
        converged && rest.converged());
  }

  /** Per comparison, the mean of the m estimates of the sessions that estimated it. */
  private static Map<String, double[]> averaged(Map<String, List<double[]>> estimates) {
    Map<String, double[]> m = new LinkedHashMap<>();
    estimates.forEach((name, list) -> {
      if (list.isEmpty()) {
        throw new IllegalStateException("no blocking rule found pairs to train comparison \"" + name
            + "\" on (each rule with pairs implies it): add a blocking rule that does not imply it");
      }
      double[] mean = new double[list.get(0).length];
      list.forEach(a -> {
        for (int i = 0; i < a.length; i++) {
          mean[i] += a[i] / list.size();
        }
      });
      m.put(name, mean);
    });
    return m;
  }

  /** The distinct comparison vectors of the candidate pairs, per set of rules that found them, with their counts. */
  static List<CandidateGroup> groups(Dataset<Row> vectors, List<Comparison> comparisons) {
    List<Column> keys = new ArrayList<>();
    comparisons.forEach(c -> keys.add(col(c.gammaColumn())));
    keys.add(col("blocked_by"));
    List<CandidateGroup> out = new ArrayList<>();
    for (Row row : vectors.groupBy(keys.toArray(Column[]::new)).count().collectAsList()) {
      int[] levels = new int[comparisons.size()];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = row.getInt(k);
      }
      out.add(new CandidateGroup(levels, Set.copyOf(row.getList(levels.length)), row.getLong(levels.length + 1)));
    }
    return out;
  }

  private static List<String> names(List<Comparison> comparisons) {
    return comparisons.stream().map(Comparison::name).toList();
  }

  private static FsParameters start(List<Comparison> session, Map<String, double[]> u) {
    Map<String, double[]> m = new LinkedHashMap<>();
    Map<String, double[]> sessionU = new LinkedHashMap<>();
    session.forEach(c -> {
      m.put(c.name(), startingM(c.elseLevel() + 1));
      sessionU.put(c.name(), u.get(c.name()));
    });
    return new FsParameters(0.5, m, sessionU);
  }

  /**
   * About {@code uPairs} pairs of distinct records drawn at random: which records and which pairs depends on the
   * records' ids and the seed alone, not on how the records are partitioned or ordered.
   */
  static Dataset<Row> randomPairs(Dataset<Row> records, long n, Settings settings) {
    long sampleSize = Math.min(n, 2 * settings.uPairs() / BUCKET_RECORDS + 1);
    long buckets = Math.max(1, sampleSize / BUCKET_RECORDS);
    String number = CandidatePairs.NUMBER;
    long drawn = Math.round(SAMPLE_SCALE * Math.min(1.0, (double) sampleSize / Math.max(1, n)));
    Column draw = pmod(xxhash64(lit("sample"), col(CandidatePairs.ID), lit(settings.seed())), lit(SAMPLE_SCALE));
    Dataset<Row> sample = records.where(draw.lt(drawn))
        .select(col(number), pmod(xxhash64(col(CandidatePairs.ID), lit(settings.seed())), lit(buckets)).as("_bucket"));
    Dataset<Row> l = sample.select(col("_bucket"), col(number).as(number + "_l"));
    Dataset<Row> r = sample.select(col("_bucket").as("_bucket_r"), col(number).as(number + "_r"));
    return l.join(r, col("_bucket").equalTo(col("_bucket_r")).and(col(number + "_l").lt(col(number + "_r"))))
        .select(number + "_l", number + "_r");
  }

  /** Per comparison, the number of pairs at each level 0 .. else (null levels not counted). */
  static Map<String, long[]> levelCounts(Dataset<Row> vectors, List<Comparison> comparisons) {
    Map<String, long[]> out = new LinkedHashMap<>();
    comparisons.forEach(c -> out.put(c.name(), new long[c.elseLevel() + 1]));
    for (ExpectationMaximisation.Pattern p : patterns(vectors, comparisons)) {
      for (int k = 0; k < comparisons.size(); k++) {
        int level = p.levels()[k];
        if (level >= 0) {
          out.get(comparisons.get(k).name())[level] += p.count();
        }
      }
    }
    return out;
  }

  /** The distinct comparison vectors and their counts (at most the product of the level counts). */
  static List<ExpectationMaximisation.Pattern> patterns(Dataset<Row> vectors, List<Comparison> comparisons) {
    Column[] gammas = comparisons.stream().map(c -> col(c.gammaColumn())).toArray(Column[]::new);
    List<ExpectationMaximisation.Pattern> out = new ArrayList<>();
    for (Row row : vectors.groupBy(gammas).count().collectAsList()) {
      int[] levels = new int[comparisons.size()];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = row.getInt(k);
      }
      out.add(new ExpectationMaximisation.Pattern(levels, row.getLong(levels.length)));
    }
    return out;
  }

  /** Counts as probabilities, half a pair added to every level so none is zero. */
  static double[] smoothed(long[] counts) {
    double total = total(counts) + 0.5 * counts.length;
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = (counts[i] + 0.5) / total;
    }
    return out;
  }

  /** Starting m: better levels more likely among matches (halving from level 0 down to else). */
  static double[] startingM(int levels) {
    double[] mass = new double[levels];
    for (int i = 0; i < levels; i++) {
      mass[i] = Math.pow(2, levels - i);
    }
    return ExpectationMaximisation.normalised(mass);
  }

  private static long total(long[] counts) {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }
}
