package io.aurum.golden;

import io.aurum.config.ConfigProblems;
import io.aurum.config.ConfigReader;
import io.aurum.config.RuleFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed {@code rules/survivorship.conf}: per golden attribute (one silver field, or a group of fields that
 * survive together such as an address), the strategy that picks the value among a cluster's records, the source
 * trust order it uses, and the tie-breaks shared by all. Parsing reports every problem at once with file, line and
 * key; field names are checked against the silver schema by {@link GoldenPreflight}.
 *
 * @param preferValid a value whose field carries a {@code dq_issues} code loses to a valid one, whatever the strategy
 * @param tieBreak    strategies that order the values the attribute's own strategy ties on; the last resort is
 *                    source then source id, so the choice never depends on Spark's partitioning
 * @param overrides   a steward's corrections of golden values ({@code overrides/golden_attributes.csv})
 * @param view360     which source attributes feed {@code gold.customer_360}
 */
public record SurvivorshipRules(Path file, List<Attribute> attributes, List<Strategy> tieBreak, boolean preferValid,
                                AttributeOverrides overrides, Customer360.Settings view360) {
  private static final String FILE = "survivorship.conf";

  /** How a value is chosen among a cluster's records. */
  public enum Strategy {
    SOURCE_PRIORITY, MOST_RECENT, MOST_FREQUENT, LONGEST, FIRST_NON_NULL, COLLECT_ALL;

    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Strategy> byKey(String key) {
      return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
  }

  /**
   * One golden attribute.
   *
   * @param fields   silver fields chosen together from one record (one field: the attribute's own name)
   * @param strategy how the value is chosen; for {@link Strategy#COLLECT_ALL}, {@code primary} chooses the single
   *                 value and every distinct value is kept with its sources
   * @param sources  trust order, most trusted first (a source not listed comes after all listed ones)
   */
  public record Attribute(String name, List<String> fields, Strategy strategy, Strategy primary, List<String> sources) {
    public Attribute {
      fields = List.copyOf(fields);
      sources = List.copyOf(sources);
    }

    /** The strategy that picks the single value. */
    public Strategy chooser() {
      return strategy == Strategy.COLLECT_ALL ? primary : strategy;
    }

    /** What provenance records as the rule that chose the value, e.g. {@code source-priority}. */
    public String ruleLabel() {
      return strategy == Strategy.COLLECT_ALL ? "collect-all/" + primary.key() : strategy.key();
    }
  }

  public SurvivorshipRules {
    attributes = List.copyOf(attributes);
    tieBreak = List.copyOf(tieBreak);
  }

  public static SurvivorshipRules load(Path rulesDir) {
    ConfigProblems problems = new ConfigProblems();
    Path file = rulesDir.resolve(FILE);
    ConfigReader r = RuleFile.read(file, "survivorship rule file", problems);
    List<String> defaultSources = r.stringList("source-priority", List.of());
    boolean preferValid = r.bool("prefer-valid", true);
    List<Strategy> tieBreak = new ArrayList<>();
    for (String key : r.stringList("tie-break", List.of("most-recent", "source-priority"))) {
      Optional<Strategy> s = strategy(r, "tie-break", key);
      if (s.isPresent() && s.get() == Strategy.COLLECT_ALL) {
        r.problem("tie-break", "collect-all cannot break ties; use " + choosers());
      } else {
        s.ifPresent(tieBreak::add);
      }
    }
    List<Attribute> attributes = new ArrayList<>();
    Set<String> fieldsSeen = new HashSet<>();
    Optional<ConfigReader> block = r.child("attributes");
    if (block.isEmpty()) {
      r.problem("attributes", "required: attributes { <name> { strategy = ... }, ... }");
    }
    block.ifPresent(a -> {
      for (String name : a.keys()) {
        a.child(name).ifPresent(c -> {
          Attribute attribute = attribute(c, name, defaultSources);
          if (attribute != null) {
            attribute.fields().stream().filter(f -> !fieldsSeen.add(f)).forEach(f -> c.problem("fields",
                "field \"" + f + "\" already belongs to another attribute"));
            attributes.add(attribute);
          }
        });
      }
    });
    Customer360.Settings view360 = r.child("customer-360").map(c -> {
      Customer360.Settings settings = new Customer360.Settings(c.string("tickets-attribute", "tickets_opened"),
          c.string("channel-attribute", "preferred_channel"));
      c.rejectUnknownKeys();
      return settings;
    }).orElse(new Customer360.Settings("tickets_opened", "preferred_channel"));
    r.rejectUnknownKeys();
    AttributeOverrides overrides = AttributeOverrides.load(rulesDir,
        attributes.stream().flatMap(a -> a.fields().stream()).toList(), problems);
    problems.throwIfAny();
    return new SurvivorshipRules(file, attributes, tieBreak, preferValid, overrides, view360);
  }

  private static Attribute attribute(ConfigReader c, String name, List<String> defaultSources) {
    List<String> fields = c.stringList("fields", List.of(name));
    String strategyKey = c.string("strategy");
    Strategy strategy = strategyKey == null ? null : strategy(c, "strategy", strategyKey).orElse(null);
    Strategy primary = Strategy.MOST_RECENT;
    if (c.has("primary")) {
      String key = c.string("primary");
      primary = key == null ? null : strategy(c, "primary", key).orElse(null);
      if (strategy != Strategy.COLLECT_ALL) {
        c.problem("primary", "primary only applies to strategy = collect-all");
      } else if (primary == Strategy.COLLECT_ALL) {
        c.problem("primary", "the primary value is chosen by one of " + choosers());
        primary = null;
      }
    }
    if (strategy == Strategy.COLLECT_ALL && fields.size() > 1) {
      c.problem("strategy", "collect-all keeps the values of one field, not of a group of " + fields.size());
    }
    List<String> sources = c.stringList("sources", defaultSources);
    Strategy chooser = strategy == Strategy.COLLECT_ALL ? primary : strategy;
    if (chooser == Strategy.SOURCE_PRIORITY && sources.isEmpty()) {
      c.problem("sources", "source-priority needs sources = [most trusted, ...] here or a top-level source-priority");
    }
    c.rejectUnknownKeys();
    return strategy == null || primary == null ? null : new Attribute(name, fields, strategy, primary, sources);
  }

  private static Optional<Strategy> strategy(ConfigReader c, String key, String value) {
    Optional<Strategy> s = Strategy.byKey(value);
    if (s.isEmpty()) {
      c.problem(key, "unknown strategy \"" + value + "\"; strategies: "
          + Arrays.stream(Strategy.values()).map(Strategy::key).toList());
    }
    return s;
  }

  private static List<String> choosers() {
    return Arrays.stream(Strategy.values()).filter(s -> s != Strategy.COLLECT_ALL).map(Strategy::key).toList();
  }

  /** Every silver field the rules read. */
  public List<String> fields() {
    return attributes.stream().flatMap(a -> a.fields().stream()).toList();
  }
}
