package io.aurum.match.block;

import java.util.List;

/**
 * One blocking rule of {@code rules/match.conf}: records whose {@code keys} columns are all equal and not null
 * become candidate pairs. {@code implies} names the comparisons its keys already make agree: training does not
 * estimate their m from this rule's pairs, where agreement is a given rather than evidence.
 */
public record BlockingRule(String name, List<String> keys, List<String> implies) {
  public BlockingRule {
    keys = List.copyOf(keys);
    implies = List.copyOf(implies);
  }
}
