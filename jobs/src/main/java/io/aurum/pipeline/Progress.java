package io.aurum.pipeline;

/** Where stages report one human-readable line per step (the CLI prints them; tests may collect them). */
@FunctionalInterface
public interface Progress {
  Progress NONE = line -> { };

  void line(String line);

  /**
   * This progress with the seconds elapsed since this call appended to every line: where a stage spends its time.
   * Lines of steps that run at once ({@link Concurrently}) are passed on one at a time.
   */
  default Progress timed() {
    long start = System.nanoTime();
    Object lock = new Object();
    return line -> {
      synchronized (lock) {
        line(String.format("%s  [+%.1f s]", line, (System.nanoTime() - start) / 1e9));
      }
    };
  }
}
