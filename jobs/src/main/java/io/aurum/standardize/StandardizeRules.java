package io.aurum.standardize;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.aurum.config.CanonicalEntity;
import io.aurum.config.ConfigProblem;
import io.aurum.config.ConfigProblems;
import io.aurum.config.ConfigReader;
import io.aurum.config.RuleFile;
import io.aurum.config.SourceRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code rules/standardize.conf} and the {@code standardize} blocks of the source rule files:
 * for each canonical customer and order field the ordered transforms that clean it, per source where a
 * source overrides some fields, the match keys derived for the matching stage and how order amounts are
 * converted. Fields not listed pass through unchanged. Parsing checks every field name, transform name and
 * parameter and reports all problems with file, line and key.
 *
 * @param placeholders values that mean "no value" (used by {@code null-if-placeholder})
 * @param customers    pipelines of the customer fields
 * @param orders       pipelines of the order fields
 * @param matchKeys    derived columns, in file order
 * @param orderAmounts reporting currency, exchange rates and the statuses of refunds and cancellations
 */
public record StandardizeRules(List<String> placeholders, Pipelines customers, Pipelines orders,
                               List<MatchKey> matchKeys, OrderAmounts orderAmounts) {
  public static final String FILE = "standardize.conf";
  /** In a source's pipeline, stands for the default pipeline of the same field. */
  static final String DEFAULTS = "defaults";

  /**
   * These rules without a transform: every field passes through as read and every match key is its expression
   * alone; the order amounts stay. The stage with them still picks current versions, converts amounts, derives the
   * keys' columns and writes silver: the part of its cost that no transform can save, which {@code aurum benchmark
   * standardize --floor} measures.
   */
  public StandardizeRules withoutTransforms() {
    return new StandardizeRules(placeholders, customers.withoutTransforms(), orders.withoutTransforms(),
        matchKeys.stream().map(k -> new MatchKey(k.name(), k.from(), List.of(), k.location())).toList(), orderAmounts);
  }

  /** Reads {@code <rulesDir>/standardize.conf}, the lookup tables it names and the sources' overrides. */
  public static StandardizeRules load(Path rulesDir, List<SourceRule> sourceRules) {
    ConfigProblems problems = new ConfigProblems();
    ConfigReader reader = RuleFile.read(rulesDir.resolve(FILE), "standardization rule file", problems);
    Lookups lookups = new Lookups(rulesDir.resolve("lookups"));
    StandardizeRules rules = parse(reader, lookups, reader.stringList("placeholders", List.of()));
    for (SourceRule source : sourceRules) {
      if (source.standardize() != null) {
        ConfigReader block = new ConfigReader(source.standardize(), "standardize", problems);
        rules = rules.withSourceOverrides(source.name(), block, lookups);
        block.rejectUnknownKeys();
      }
    }
    problems.throwIfAny();
    return rules;
  }

  /** Parses the pipelines, {@code match-keys} and {@code order-amounts} of {@code r}. */
  static StandardizeRules parse(ConfigReader r, Lookups lookups, List<String> placeholders) {
    Pipelines customers = new Pipelines(r.child(CanonicalEntity.CUSTOMERS.key())
        .map(c -> pipelines(c, CanonicalEntity.CUSTOMERS, lookups, placeholders, null)).orElse(Map.of()), Map.of());
    Pipelines orders = new Pipelines(r.child(CanonicalEntity.ORDERS.key())
        .map(c -> pipelines(c, CanonicalEntity.ORDERS, lookups, placeholders, null)).orElse(Map.of()), Map.of());
    List<MatchKey> keys = r.child("match-keys").map(k -> matchKeys(k, lookups, placeholders)).orElse(List.of());
    OrderAmounts amounts = r.child("order-amounts").map(a -> OrderAmounts.parse(a, lookups))
        .orElse(OrderAmounts.NONE);
    r.rejectUnknownKeys();
    return new StandardizeRules(placeholders, customers, orders, keys, amounts);
  }

  /** The pipelines of {@code entity}. */
  public Pipelines pipelines(CanonicalEntity entity) {
    return entity == CanonicalEntity.CUSTOMERS ? customers : orders;
  }

  private StandardizeRules withSourceOverrides(String source, ConfigReader block, Lookups lookups) {
    Pipelines c = block.child(CanonicalEntity.CUSTOMERS.key()).map(r -> customers.withSource(source,
        pipelines(r, CanonicalEntity.CUSTOMERS, lookups, placeholders, customers.defaults()))).orElse(customers);
    Pipelines o = block.child(CanonicalEntity.ORDERS.key()).map(r -> orders.withSource(source,
        pipelines(r, CanonicalEntity.ORDERS, lookups, placeholders, orders.defaults()))).orElse(orders);
    return new StandardizeRules(placeholders, c, o, matchKeys, orderAmounts);
  }

  private static Map<String, List<Transform>> pipelines(ConfigReader c, CanonicalEntity entity, Lookups lookups,
                                                        List<String> placeholders,
                                                        Map<String, List<Transform>> defaults) {
    Map<String, List<Transform>> out = new LinkedHashMap<>();
    List<String> fields = entity.fields().subList(1, entity.fields().size());
    for (String field : c.keys()) {
      if (!fields.contains(field)) {
        c.problem(field, "not a canonical " + entity.key() + " field that can be standardized; fields: "
            + String.join(", ", fields));
        c.list(field);
        continue;
      }
      List<Transform> inherited = defaults == null ? null : defaults.getOrDefault(field, List.of());
      c.list(field).ifPresent(list -> out.put(field, steps(c, field, list, lookups, placeholders, inherited)));
    }
    c.rejectUnknownKeys();
    return Collections.unmodifiableMap(out);
  }

  private static List<MatchKey> matchKeys(ConfigReader k, Lookups lookups, List<String> placeholders) {
    List<MatchKey> out = new ArrayList<>();
    for (String name : k.keys()) {
      if (!name.matches("[a-z][a-z0-9_]*") || CanonicalEntity.CUSTOMERS.fieldTypes().containsKey(name)) {
        k.problem(name, "a match key needs a new lower-case column name (letters, digits, _), not a canonical field");
      }
      k.child(name).ifPresent(key -> {
        String from = key.string("from");
        ConfigList list = key.list("steps").orElse(null);
        List<Transform> steps = list == null ? List.of() : steps(key, "steps", list, lookups, placeholders, null);
        key.rejectUnknownKeys();
        if (from != null) {
          out.add(new MatchKey(name, from, steps, ConfigProblem.describe(k.origin(name))));
        }
      });
    }
    k.rejectUnknownKeys();
    return List.copyOf(out);
  }

  /** The transforms of one list; {@code defaults} (when given) is what the word "defaults" stands for. */
  private static List<Transform> steps(ConfigReader parent, String key, ConfigList list, Lookups lookups,
                                       List<String> placeholders, List<Transform> defaults) {
    List<Transform> steps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue item = list.get(i);
      String path = parent.path(key) + "[" + i + "]";
      ConfigReader params;
      String name;
      if (item.valueType() == ConfigValueType.STRING) {
        name = (String) item.unwrapped();
        params = new ConfigReader(ConfigFactory.empty(item.origin().description()).root(), path, parent.problems());
      } else if (item.valueType() == ConfigValueType.OBJECT) {
        params = new ConfigReader((ConfigObject) item, path, parent.problems());
        name = params.string("transform");
      } else {
        parent.problems().add(item.origin(), path, "expected a transform name or { transform = name, ... }");
        continue;
      }
      if (DEFAULTS.equals(name) && defaults != null) {
        steps.addAll(defaults);
        continue;
      }
      Transforms.Factory factory = name == null ? null : Transforms.factory(name);
      if (factory == null) {
        if (name != null) {
          parent.problems().add(item.origin(), path, "unknown transform \"" + name + "\"; transforms: "
              + String.join(", ", Transforms.names()) + (defaults != null ? ", or " + DEFAULTS : ""));
        }
        continue;
      }
      steps.add(factory.create(params, lookups, placeholders));
      params.rejectUnknownKeys();
    }
    return List.copyOf(steps);
  }
}
