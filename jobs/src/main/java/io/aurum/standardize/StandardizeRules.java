package io.aurum.standardize;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.aurum.config.CanonicalEntity;
import io.aurum.config.ConfigProblems;
import io.aurum.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code rules/standardize.conf}: for each canonical customer field, the ordered transforms that
 * clean it. Fields not listed pass through unchanged. Parsing checks every field name, transform name and
 * parameter and reports all problems with file, line and key.
 *
 * @param placeholders values that mean "no value" (used by {@code null-if-placeholder})
 * @param customers    canonical field to its pipeline, in file order
 */
public record StandardizeRules(List<String> placeholders, Map<String, List<Transform>> customers) {
  public static final String FILE = "standardize.conf";

  /** Reads {@code <rulesDir>/standardize.conf} and the lookup tables it names. */
  public static StandardizeRules load(Path rulesDir) {
    ConfigProblems problems = new ConfigProblems();
    Path file = rulesDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      problems.add(file.toString(), "(file)", "standardization rule file not found");
      problems.throwIfAny();
    }
    ConfigObject root;
    try {
      root = ConfigFactory.parseFile(file.toFile()).resolve().root();
    } catch (ConfigException e) {
      problems.add(e.origin(), file.toString(), "cannot parse: " + e.getMessage());
      problems.throwIfAny();
      return null;
    }
    ConfigReader reader = new ConfigReader(root, "", problems);
    StandardizeRules rules = parse(reader, new Lookups(rulesDir.resolve("lookups")), reader.stringList("placeholders", List.of()));
    problems.throwIfAny();
    return rules;
  }

  /** Parses the {@code customers} pipelines of {@code r}; {@code placeholders} serve null-if-placeholder. */
  static StandardizeRules parse(ConfigReader r, Lookups lookups, List<String> placeholders) {
    Map<String, List<Transform>> customers = new LinkedHashMap<>();
    r.child("customers").ifPresent(c -> {
      for (String field : c.keys()) {
        if (!CanonicalEntity.CUSTOMERS.fieldTypes().containsKey(field) || field.equals(CanonicalEntity.SOURCE_ID)) {
          c.problem(field, "not a canonical customer field that can be standardized; fields: "
              + String.join(", ", CanonicalEntity.CUSTOMERS.fields().subList(1, CanonicalEntity.CUSTOMERS.fields().size())));
          c.list(field);
          continue;
        }
        c.list(field).ifPresent(list -> customers.put(field, pipeline(c, field, list, lookups, placeholders)));
      }
      c.rejectUnknownKeys();
    });
    r.rejectUnknownKeys();
    return new StandardizeRules(placeholders, Collections.unmodifiableMap(customers));
  }

  private static List<Transform> pipeline(ConfigReader parent, String field, ConfigList list, Lookups lookups,
                                          List<String> placeholders) {
    List<Transform> steps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue item = list.get(i);
      String path = parent.path(field) + "[" + i + "]";
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
      Transforms.Factory factory = name == null ? null : Transforms.factory(name);
      if (factory == null) {
        if (name != null) {
          parent.problems().add(item.origin(), path, "unknown transform \"" + name + "\"; transforms: "
              + String.join(", ", Transforms.names()));
        }
        continue;
      }
      steps.add(factory.create(params, lookups, placeholders));
      params.rejectUnknownKeys();
    }
    return List.copyOf(steps);
  }
}
