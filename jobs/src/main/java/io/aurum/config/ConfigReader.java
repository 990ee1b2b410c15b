package io.aurum.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one HOCON object into typed values while recording problems instead of throwing, so that a whole
 * file is checked in one pass. Every key asked for becomes a known key; {@link #rejectUnknownKeys()} then
 * reports keys present in the file that no reader asked for (typos), naming the file, line and the keys
 * that are allowed. Scalar values are coerced from strings, since environment variables arrive as text.
 */
public final class ConfigReader {
  private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

  private final ConfigObject object;
  private final String prefix;
  private final ConfigProblems problems;
  private final Set<String> known = new LinkedHashSet<>();

  public ConfigReader(ConfigObject object, String prefix, ConfigProblems problems) {
    this.object = object;
    this.prefix = prefix;
    this.problems = problems;
  }

  public ConfigProblems problems() {
    return problems;
  }

  /** Full dotted path of a key below this reader, for messages. */
  public String path(String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  public ConfigOrigin origin() {
    return object.origin();
  }

  /** The object this reader reads, for a later stage to parse with its own rules. */
  public ConfigObject object() {
    return object;
  }

  public ConfigOrigin origin(String key) {
    ConfigValue v = object.get(key);
    return v == null ? object.origin() : v.origin();
  }

  public boolean has(String key) {
    known.add(key);
    ConfigValue v = object.get(key);
    return v != null && v.valueType() != ConfigValueType.NULL;
  }

  /** Adds a problem about {@code key} located at its value (or at this object when absent). */
  public void problem(String key, String message) {
    problems.add(origin(key), path(key), message);
  }

  public String string(String key) {
    ConfigValue v = value(key);
    if (v == null) {
      problem(key, "required key is missing");
      return null;
    }
    return scalar(key, v);
  }

  public String string(String key, String defaultValue) {
    ConfigValue v = value(key);
    return v == null ? defaultValue : scalar(key, v);
  }

  public boolean bool(String key, boolean defaultValue) {
    ConfigValue v = value(key);
    if (v == null) {
      return defaultValue;
    }
    String s = scalar(key, v);
    if (s == null) {
      return defaultValue;
    }
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on":
        return true;
      case "false", "no", "off":
        return false;
      default:
        problem(key, "expected true or false, got \"" + s + "\"");
        return defaultValue;
    }
  }

  public double number(String key, double defaultValue, double min, double max) {
    return bounded(key, defaultValue, min, max, Double::parseDouble, "a number");
  }

  public long integer(String key, long defaultValue, long min, long max) {
    return bounded(key, defaultValue, min, max, Long::parseLong, "a whole number");
  }

  private <T extends Comparable<T>> T bounded(String key, T defaultValue, T min, T max,
                                              Function<String, T> parse, String kind) {
    ConfigValue v = value(key);
    if (v == null) {
      return defaultValue;
    }
    String s = scalar(key, v);
    if (s == null) {
      return defaultValue;
    }
    try {
      T n = parse.apply(s.trim());
      if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
        problem(key, "expected " + kind + " from " + min + " to " + max + ", got " + s);
        return defaultValue;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(key, "expected " + kind + ", got \"" + s + "\"");
      return defaultValue;
    }
  }

  /** A string that must be one of {@code allowed} (compared case-insensitively, returned lower-case). */
  public String oneOf(String key, String defaultValue, List<String> allowed) {
    ConfigValue raw = object.get(key);
    if (raw != null && raw.valueType() == ConfigValueType.NULL && allowed.contains("null")) {
      known.add(key);
      return "null"; // HOCON reads an unquoted null as "no value"; here it names the option
    }
    String s = defaultValue == null ? string(key) : string(key, defaultValue);
    if (s == null) {
      return null;
    }
    String norm = s.trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(norm)) {
      problem(key, "\"" + s + "\" is not allowed; allowed values: " + String.join(", ", allowed));
      return null;
    }
    return norm;
  }

  public List<String> stringList(String key, List<String> defaultValue) {
    ConfigValue v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.valueType() != ConfigValueType.LIST) {
      problem(key, "expected a list like [a, b], got " + v.valueType().name().toLowerCase(Locale.ROOT));
      return defaultValue;
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue item : (ConfigList) v) {
      if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST) {
        problems.add(item.origin(), path(key), "list items must be plain values");
      } else if (item.valueType() != ConfigValueType.NULL) {
        out.add(String.valueOf(item.unwrapped()));
      }
    }
    return List.copyOf(out);
  }

  /** An object whose keys are free (e.g. Spark settings), values rendered as strings, in file order. */
  public Map<String, String> stringMap(String key) {
    return child(key).map(ConfigReader::asStringMap).orElseGet(Map::of);
  }

  /** This whole object as free keys to plain values rendered as strings, in file order. */
  public Map<String, String> asStringMap() {
    Map<String, String> out = new LinkedHashMap<>();
    keys().forEach(k -> {
      ConfigValue v = object.get(k);
      known.add(k);
      if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
        problems.add(v.origin(), path(k), "expected a plain value, got " + v.valueType().name().toLowerCase(Locale.ROOT));
      } else if (v.valueType() != ConfigValueType.NULL) {
        out.put(k, String.valueOf(v.unwrapped()));
      }
    });
    return out;
  }

  /** A list of any values (plain or objects), if present and a list. */
  public Optional<ConfigList> list(String key) {
    ConfigValue v = value(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v.valueType() != ConfigValueType.LIST) {
      problem(key, "expected a list like [a, b], got " + v.valueType().name().toLowerCase(Locale.ROOT));
      return Optional.empty();
    }
    return Optional.of((ConfigList) v);
  }

  /** A list of objects ({@code [{ ... }, { ... }]}), each as a reader; other items are problems. */
  public List<ConfigReader> objects(String key) {
    List<ConfigReader> out = new ArrayList<>();
    list(key).ifPresent(items -> {
      for (int i = 0; i < items.size(); i++) {
        ConfigValue item = items.get(i);
        if (item.valueType() == ConfigValueType.OBJECT) {
          out.add(new ConfigReader((ConfigObject) item, path(key) + "[" + i + "]", problems));
        } else {
          problems.add(item.origin(), path(key) + "[" + i + "]", "expected an object { ... }");
        }
      }
    });
    return out;
  }

  /** A nested object, if present and of the right type. */
  public Optional<ConfigReader> child(String key) {
    return objectValue(key).map(o -> new ConfigReader(o, path(key), problems));
  }

  /**
   * A file or directory location: URIs ({@code s3a://...}) and absolute paths are kept; a relative path is
   * resolved against the directory of the file that set it, or against the working directory when it came
   * from a default, an environment variable or a command-line flag.
   */
  public String location(String key, String defaultValue) {
    String raw = string(key, defaultValue);
    if (raw == null) {
      return null;
    }
    ConfigValue v = object.get(key);
    return resolveLocation(raw, v == null ? null : v.origin());
  }

  static String resolveLocation(String raw, ConfigOrigin origin) {
    if (URI_SCHEME.matcher(raw).matches() && !raw.matches("^[a-zA-Z]:[\\\\/].*")) {
      return raw;
    }
    Path p = Path.of(raw);
    if (p.isAbsolute()) {
      return p.normalize().toString();
    }
    Path base = origin != null && origin.filename() != null && origin.resource() == null
        ? Path.of(origin.filename()).toAbsolutePath().getParent()
        : Path.of("").toAbsolutePath();
    return base.resolve(p).normalize().toString();
  }

  /** Keys present in this object, in file order (Typesafe Config itself keeps no order). */
  public Set<String> keys() {
    Set<String> ordered = new LinkedHashSet<>();
    object.keySet().stream()
        .sorted(Comparator.comparingInt((String k) -> object.get(k).origin().lineNumber()).thenComparing(k -> k))
        .forEach(ordered::add);
    return ordered;
  }

  /** Records a problem for every key present here that no reader method asked for. */
  public void rejectUnknownKeys() {
    for (String k : object.keySet()) {
      if (!known.contains(k)) {
        problems.add(object.get(k).origin(), path(k),
            "unknown key; allowed keys here: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  private ConfigValue value(String key) {
    known.add(key);
    ConfigValue v = object.get(key);
    return v == null || v.valueType() == ConfigValueType.NULL ? null : v;
  }

  private Optional<ConfigObject> objectValue(String key) {
    ConfigValue v = value(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      problem(key, "expected an object { ... }, got " + v.valueType().name().toLowerCase(Locale.ROOT));
      return Optional.empty();
    }
    return Optional.of((ConfigObject) v);
  }

  private String scalar(String key, ConfigValue v) {
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      problem(key, "expected a plain value, got " + v.valueType().name().toLowerCase(Locale.ROOT));
      return null;
    }
    return String.valueOf(v.unwrapped());
  }
}
