package io.aurum.match.block;

import java.util.List;

/**
 * One blocking rule of {@code rules/match.conf}: records whose {@code keys} columns are all equal and not null
 * become candidate pairs. {@code implies} names the comparisons its keys already make agree: training does not
 * estimate their m from this rule's pairs, where agreement is a given rather than evidence. A block of more than
 * {@code maxBlockSize} records is not expanded (0: the size of {@code blocking.max-block-size}).
 */
public record BlockingRule(String name, List<String> keys, List<String> implies, long maxBlockSize) {
  public BlockingRule {
    keys = List.copyOf(keys);
    implies = List.copyOf(implies);
  }

  /** A rule capped at the blocking-wide block size. */
  public BlockingRule(String name, List<String> keys, List<String> implies) {
    this(name, keys, implies, 0);
  }

  long maxBlockSize(long blockingDefault) {
    return maxBlockSize > 0 ? maxBlockSize : blockingDefault;
  }
}
