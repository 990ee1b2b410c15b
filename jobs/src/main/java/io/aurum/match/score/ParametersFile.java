package io.aurum.match.score;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.aurum.config.ConfigProblems;
import io.aurum.config.ConfigReader;
import io.aurum.config.RuleFile;
import io.aurum.match.compare.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trained parameters as a HOCON file a person can read, diff and pin: lambda, and per comparison its level
 * labels with m and u. Reading checks that the file was trained for the comparisons and levels of the rules.
 */
public final class ParametersFile {
  private ParametersFile() {}

  public static String render(FsParameters p, List<Comparison> comparisons) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("lambda", p.lambda());
    Map<String, Object> all = new LinkedHashMap<>();
    for (Comparison c : comparisons) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("levels", c.labels());
      one.put("m", toList(p.m().get(c.name())));
      one.put("u", toList(p.u().get(c.name())));
      all.put(c.name(), one);
    }
    root.put("comparisons", all);
    return "# Fellegi-Sunter parameters trained by Aurum's match stage (no labels used). lambda: probability that\n"
        + "# two records drawn at random are one person; per comparison and level: m (among matches) and u (among non-matches).\n"
        + ConfigValueFactory.fromMap(root).render(ConfigRenderOptions.concise().setFormatted(true).setJson(false));
  }

  /** Parameters pinned in {@code file}; problems when they do not fit {@code comparisons}. */
  public static FsParameters read(Path file, List<Comparison> comparisons) {
    ConfigProblems problems = new ConfigProblems();
    ConfigReader r = RuleFile.read(file, "pinned match parameters file", problems);
    double lambda = r.number("lambda", 0.5, 1e-9, 1 - 1e-9);
    Map<String, double[]> m = new LinkedHashMap<>();
    Map<String, double[]> u = new LinkedHashMap<>();
    ConfigReader all = r.child("comparisons").orElseGet(() -> new ConfigReader(ConfigFactory.empty().root(),
        "comparisons", problems));
    for (Comparison c : comparisons) {
      ConfigReader one = all.child(c.name()).orElse(null);
      if (one == null) {
        all.problem(c.name(), "no parameters for comparison \"" + c.name() + "\" of match.conf; retrain");
        continue;
      }
      if (!one.stringList("levels", List.of()).equals(c.labels())) {
        one.problem("levels", "trained for other levels than match.conf has (" + c.labels() + "); retrain");
      }
      m.put(c.name(), probabilities(one, "m", c.labels().size()));
      u.put(c.name(), probabilities(one, "u", c.labels().size()));
    }
    r.rejectUnknownKeys();
    problems.throwIfAny();
    return new FsParameters(lambda, m, u);
  }

  private static double[] probabilities(ConfigReader r, String key, int size) {
    List<String> values = r.stringList(key, List.of());
    double[] out = new double[size];
    if (values.size() != size) {
      r.problem(key, "expected " + size + " probabilities, one per level, got " + values.size());
      return out;
    }
    for (int i = 0; i < size; i++) {
      try {
        out[i] = Double.parseDouble(values.get(i));
      } catch (NumberFormatException e) {
        r.problem(key, "not a number: " + values.get(i));
      }
      if (!(out[i] > 0 && out[i] <= 1)) {
        r.problem(key, "probabilities are above 0 and at most 1, got " + values.get(i));
      }
    }
    return out;
  }

  private static List<Double> toList(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      out.add(v);
    }
    return out;
  }
}
