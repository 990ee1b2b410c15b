package io.aurum.match;

import com.typesafe.config.ConfigFactory;
import io.aurum.config.ConfigProblems;
import io.aurum.config.ConfigReader;
import io.aurum.config.RuleFile;
import io.aurum.match.block.BlockingRule;
import io.aurum.match.block.MinHashRule;
import io.aurum.match.cluster.Clusters;
import io.aurum.match.cluster.Overrides;
import io.aurum.match.compare.Comparison;
import io.aurum.match.compare.ComparisonParser;
import io.aurum.match.score.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed {@code rules/match.conf}: blocking rules, comparisons, how parameters are trained (or which pinned
 * file holds them), the decision thresholds and the clustering guard. Parsing reports every problem at once with
 * file, line and key; column names and SQL are checked against the silver schema by {@link MatchPreflight}.
 *
 * @param file the rule file read, named in the messages of {@link MatchPreflight}
 * @param minHash the fuzzy blocking rule ({@code blocking.minhash}), or null when it is off
 * @param pinnedParameters parameters file to use instead of training, or null
 * @param overrides the steward's must-link and cannot-link pairs ({@code rules/overrides/})
 * @param incremental when a night may match only its new and changed records ({@code incremental} in match.conf)
 */
public record MatchRules(Path file, long maxBlockSize, List<BlockingRule> blocking, MinHashRule minHash,
                         List<Comparison> comparisons,
                         Training.Settings training, Path pinnedParameters, double reviewProbability,
                         double keepProbability, Clusters.Settings clustering, Overrides overrides,
                         Incremental incremental) {
  private static final String FILE = "match.conf";

  /**
   * @param enabled            false: every night matches all records
   * @param maxChangedFraction above this share of new, changed and removed records a night matches all records
   */
  public record Incremental(boolean enabled, double maxChangedFraction) {}

  public static MatchRules load(Path rulesDir) {
    ConfigProblems problems = new ConfigProblems();
    Path file = rulesDir.resolve(FILE);
    ConfigReader r = RuleFile.read(file, "matching rule file", problems);
    MatchRules rules = parse(file, r, Overrides.load(rulesDir, problems));
    problems.throwIfAny();
    return rules;
  }

  private static MatchRules parse(Path file, ConfigReader r, Overrides overrides) {
    long maxBlockSize = 0;
    List<BlockingRule> blocking = new ArrayList<>();
    MinHashRule minHash = null;
    ConfigReader b = r.child("blocking").orElse(null);
    if (b == null) {
      r.problem("blocking", "required: blocking { max-block-size = ..., rules = [...] }");
    } else {
      maxBlockSize = b.integer("max-block-size", 200, 2, 1_000_000);
      Set<String> names = new HashSet<>();
      for (ConfigReader rule : b.objects("rules")) {
        String name = rule.string("name");
        List<String> keys = rule.stringList("keys", List.of());
        if (keys.isEmpty()) {
          rule.problem("keys", "a blocking rule needs keys = [column, ...]");
        }
        if (name != null && !names.add(name)) {
          rule.problem("name", "blocking rule \"" + name + "\" is defined twice");
        }
        List<String> implies = rule.stringList("implies", List.of());
        long ownBlockSize = rule.integer("max-block-size", maxBlockSize, 2, 1_000_000);
        rule.rejectUnknownKeys();
        if (name != null && !keys.isEmpty()) {
          blocking.add(new BlockingRule(name, keys, implies, ownBlockSize));
        }
      }
      if (blocking.isEmpty()) {
        b.problem("rules", "at least one blocking rule is needed (matching never compares all pairs)");
      }
      long blockCap = maxBlockSize;
      minHash = b.child("minhash").map(m -> minHash(m, names, blockCap)).orElse(null);
      b.rejectUnknownKeys();
    }
    List<Comparison> comparisons = new ArrayList<>();
    Set<String> comparisonNames = new HashSet<>();
    for (ConfigReader c : r.objects("comparisons")) {
      Comparison comparison = ComparisonParser.parse(c);
      if (comparison != null && !comparisonNames.add(comparison.name())) {
        c.problem("name", "comparison \"" + comparison.name() + "\" is defined twice");
      } else if (comparison != null) {
        comparisons.add(comparison);
      }
    }
    if (comparisons.isEmpty()) {
      r.problem("comparisons", "at least one comparison is needed");
    }
    for (BlockingRule rule : blocking) {
      rule.implies().stream().filter(c -> !comparisonNames.contains(c)).forEach(c -> r.problem("blocking",
          "rule \"" + rule.name() + "\" implies \"" + c + "\", which is not a comparison; comparisons: " + comparisonNames));
    }
    ConfigReader t = child(r, "training");
    Training.Settings training = new Training.Settings(t.integer("u-pairs", 1_000_000, 1_000, 1_000_000_000L),
        (int) t.integer("max-iterations", 50, 1, 10_000), t.number("convergence", 1e-4, 1e-12, 0.1),
        t.integer("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE));
    String pinned = t.string("pinned-parameters", "").isBlank() ? null : t.location("pinned-parameters", null);
    t.rejectUnknownKeys();
    ConfigReader th = child(r, "thresholds");
    double autoMatch = th.number("auto-match", 0.95, 0, 1);
    double review = th.number("review", 0.5, 0, 1);
    double keep = th.number("keep-pairs", 0.01, 0, 1);
    if (review > autoMatch) {
      th.problem("review", "the review threshold " + review + " is above auto-match " + autoMatch);
    }
    if (keep > review) {
      th.problem("keep-pairs", "keep-pairs " + keep + " is above the review threshold " + review
          + ": match.pairs must hold every pair the review queue and clustering read");
    }
    th.rejectUnknownKeys();
    ConfigReader cl = child(r, "clustering");
    Clusters.Settings clustering = new Clusters.Settings(autoMatch, (int) cl.integer("max-cluster-size", 20, 2, 100_000),
        cl.number("strict-probability", 0.999, 0, 1), (int) cl.integer("max-iterations", 50, 2, 1_000),
        (int) cl.integer("in-memory-max-records", 250_000, 0, 10_000_000));
    cl.rejectUnknownKeys();
    ConfigReader in = child(r, "incremental");
    Incremental incremental = new Incremental(in.bool("enabled", true),
        in.number("max-changed-fraction", 0.1, 0, 1));
    in.rejectUnknownKeys();
    r.rejectUnknownKeys();
    return new MatchRules(file, maxBlockSize, List.copyOf(blocking), minHash, List.copyOf(comparisons), training,
        pinned == null ? null : Path.of(pinned), review, keep, clustering, overrides, incremental);
  }

  public double autoMatchProbability() {
    return clustering.autoMatch();
  }

  /**
   * SHA-256 of match.conf and of the pinned parameters file, if any: an incremental night may only build on pairs
   * scored under the same rules. (Steward overrides are not in it: an incremental night re-clusters their records.)
   */
  public String fingerprint() {
    return pinnedParameters == null ? RuleFile.fingerprint(file) : RuleFile.fingerprint(file, pinnedParameters);
  }

  /** Every silver column the rules read. */
  public Set<String> columns() {
    Set<String> out = new LinkedHashSet<>();
    blocking.forEach(b -> out.addAll(b.keys()));
    if (minHash != null) {
      out.addAll(minHash.columns());
    }
    comparisons.forEach(c -> out.addAll(c.columns()));
    return out;
  }

  private static MinHashRule minHash(ConfigReader m, Set<String> ruleNames, long defaultBlockSize) {
    boolean enabled = m.bool("enabled", true);
    String name = m.string("name", "minhash");
    if (!ruleNames.add(name)) {
      m.problem("name", "blocking rule \"" + name + "\" is defined twice");
    }
    List<String> columns = m.stringList("columns", List.of());
    if (columns.isEmpty()) {
      m.problem("columns", "the MinHash rule needs columns = [column, ...] whose text is shingled");
    }
    MinHashRule rule = new MinHashRule(name, columns, (int) m.integer("shingle-size", 3, 1, 10),
        (int) m.integer("bands", 5, 1, 100), (int) m.integer("rows-per-band", 4, 1, 50),
        m.number("max-distance", 0.5, 0, 1), m.integer("max-block-size", defaultBlockSize, 2, 1_000_000),
        m.integer("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE));
    m.rejectUnknownKeys();
    return enabled ? rule : null;
  }

  private static ConfigReader child(ConfigReader r, String key) {
    return r.child(key).orElseGet(() -> new ConfigReader(ConfigFactory.empty().root(), key,
        r.problems()));
  }
}
