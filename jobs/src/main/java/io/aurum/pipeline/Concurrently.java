package io.aurum.pipeline;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Two independent steps of a stage run at once: the second on a thread of its own, which inherits the caller's Spark
 * job group and session, the first on the caller's thread. On a small machine a step of an incremental night spends
 * most of its time on the driver (planning, Delta commits) or in jobs of a few tasks, and the other step's tasks use
 * the cores meanwhile. The steps must not write the same table or read one the other writes. Both are waited for
 * even when one fails (no write is left running), then the first failure is thrown with the other's suppressed.
 */
public final class Concurrently {
  /** What both steps returned. */
  public record Both<A, B>(A first, B second) {}

  private Concurrently() {}

  public static <A, B> Both<A, B> both(Supplier<A> first, Supplier<B> second) {
    AtomicReference<B> secondResult = new AtomicReference<>();
    AtomicReference<Throwable> secondFailure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        secondResult.set(second.get());
      } catch (Throwable e) {
        secondFailure.set(e);
      }
    }, Thread.currentThread().getName() + "-concurrent");
    thread.start();
    A firstResult;
    try {
      firstResult = first.get();
    } catch (Throwable e) {
      join(thread);
      if (secondFailure.get() != null) {
        e.addSuppressed(secondFailure.get());
      }
      throw unchecked(e);
    }
    join(thread);
    if (secondFailure.get() != null) {
      throw unchecked(secondFailure.get());
    }
    return new Both<>(firstResult, secondResult.get());
  }

  /**
   * An error is thrown as it is, a runtime exception returned as it is, a checked exception (Spark's and Delta's
   * Scala code throws them undeclared) wrapped: a failure of either step always reaches the caller.
   */
  private static RuntimeException unchecked(Throwable e) {
    if (e instanceof Error error) {
      throw error;
    }
    return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
  }

  /** Waits for the thread to end; an interrupt is kept for the caller to see once it has. */
  private static void join(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
