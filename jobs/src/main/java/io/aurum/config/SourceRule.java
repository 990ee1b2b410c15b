package io.aurum.config;

import com.typesafe.config.ConfigObject;
import java.util.List;

/**
 * One source system as declared in {@code rules/sources/<name>.conf}.
 *
 * @param name        short lower-case name used in table names
 * @param description free text for people
 * @param extract     whether each extract is a full snapshot or a delta of changed rows
 * @param entities    what the source delivers
 * @param ruleFile    the file it was read from
 * @param standardize the source's {@code standardize} block (its own transforms for some fields), parsed by
 *                    the standardize stage; null when absent
 */
public record SourceRule(String name, String description, ExtractKind extract, List<EntityRule> entities,
                         String ruleFile, ConfigObject standardize) {

  /** Full snapshot (every live record each night) or delta (only records changed since the last extract). */
  public enum ExtractKind { SNAPSHOT, DELTA }
}
