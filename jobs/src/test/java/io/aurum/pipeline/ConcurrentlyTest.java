package io.aurum.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.SparkTest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Concurrently#both} runs both steps at once (each waits for the other to have started), returns both
 * results, gives the second step the caller's Spark job group, and throws a failure only once both have ended.
 */
@ExtendWith(SparkTest.class)
class ConcurrentlyTest {
  @Test
  void bothStepsRunAtOnceAndReturnTheirResults() {
    CountDownLatch started = new CountDownLatch(2);
    Concurrently.Both<String, Integer> both = Concurrently.both(() -> {
      await(started);
      return "first";
    }, () -> {
      await(started);
      return 2;
    });
    assertEquals("first", both.first());
    assertEquals(2, both.second());
  }

  @Test
  void theSecondStepRunsInTheCallersJobGroup() {
    SparkContext context = SparkTest.spark().sparkContext();
    context.setJobGroup("golden", "golden records", false);
    try {
      String group = Concurrently.both(() -> "", () -> context.getLocalProperty("spark.jobGroup.id")).second();
      assertEquals("golden", group);
    } finally {
      context.clearJobGroup();
    }
  }

  @Test
  void aFailureIsThrownOnceBothStepsHaveEnded() {
    AtomicBoolean secondEnded = new AtomicBoolean();
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Concurrently.both(() -> {
      throw first;
    }, () -> {
      sleep(300);
      secondEnded.set(true);
      throw new IllegalArgumentException("second");
    }));
    assertSame(first, thrown);
    assertTrue(secondEnded.get(), "the second step ended before the failure was thrown");
    assertEquals("second", thrown.getSuppressed()[0].getMessage());

    IllegalArgumentException ofSecond = assertThrows(IllegalArgumentException.class,
        () -> Concurrently.both(() -> "fine", () -> {
          throw new IllegalArgumentException("second alone");
        }));
    assertEquals("second alone", ofSecond.getMessage());

    // Scala code throws checked exceptions undeclared: one from the second step is not lost.
    IllegalStateException checked = assertThrows(IllegalStateException.class,
        () -> Concurrently.both(() -> "fine", () -> sneakyThrow(new java.io.IOException("disk full"))));
    assertInstanceOf(java.io.IOException.class, checked.getCause());
  }

  @SuppressWarnings("unchecked")
  private static <T, E extends Throwable> T sneakyThrow(Throwable e) throws E {
    throw (E) e;
  }

  private static void await(CountDownLatch started) {
    started.countDown();
    try {
      assertTrue(started.await(10, TimeUnit.SECONDS), "the other step did not start meanwhile");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
