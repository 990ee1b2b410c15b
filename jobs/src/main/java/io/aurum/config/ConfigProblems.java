package io.aurum.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.List;

/** Collects {@link ConfigProblem}s while a configuration is read, and throws them all at once. */
public final class ConfigProblems {
  private final List<ConfigProblem> problems = new ArrayList<>();

  public void add(ConfigOrigin origin, String key, String message) {
    problems.add(new ConfigProblem(ConfigProblem.describe(origin), key, message));
  }

  public void add(String location, String key, String message) {
    problems.add(new ConfigProblem(location, key, message));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<ConfigProblem> list() {
    return List.copyOf(problems);
  }

  /** The first line of an exception's message: Spark's analysis errors append a whole plan after it. */
  public static String summary(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Throws {@link InvalidConfigurationException} when any problem was recorded. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
  }
}
