package io.aurum.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown before any data is touched when configuration or rule files are wrong. Carries every problem
 * found, so that one run reports all of them; the CLI maps it to the "bad configuration" exit code.
 */
public final class InvalidConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<ConfigProblem> problems;

  public InvalidConfigurationException(List<ConfigProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    return "Invalid configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
