package io.aurum.pipeline;

/** Where stages report one human-readable line per step (the CLI prints them; tests may collect them). */
@FunctionalInterface
public interface Progress {
  Progress NONE = line -> { };

  void line(String line);
}
