package io.aurum.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads Aurum's configuration in layers, lowest first: built-in defaults ({@code aurum-defaults.conf}),
 * {@code <home>/conf/application.conf}, each {@code --conf} overlay in order, environment variables
 * ({@link #ENVIRONMENT}), then command-line settings. Then reads the source rule files it names, validates
 * everything without starting Spark, and returns an immutable {@link AurumConfig} or throws
 * {@link InvalidConfigurationException} listing every problem with file, line and key.
 */
public final class ConfigLoader {

  /** Environment variables Aurum reads, and the key each one sets. */
  public static final Map<String, String> ENVIRONMENT = Map.of(
      "AURUM_LAKEHOUSE", "aurum.lakehouse",
      "AURUM_LANDING", "aurum.landing",
      "AURUM_RULES", "aurum.rules",
      "AURUM_RUN_DATE", "aurum.run-date",
      "AURUM_SPARK_MASTER", "aurum.spark.master");

  private static final String DEFAULTS = "aurum-defaults.conf";

  /**
   * What to load.
   *
   * @param applicationConf the application file, usually {@code conf/application.conf}; skipped if absent
   * @param overlays        {@code --conf} files, each must exist
   * @param environment     the process environment (only {@link #ENVIRONMENT} keys are read)
   * @param overrides       highest layer: dotted key to value, from command-line flags
   */
  public record Request(Path applicationConf, List<Path> overlays, Map<String, String> environment,
                        Map<String, String> overrides) {}

  private ConfigLoader() {}

  public static AurumConfig load(Request request) {
    ConfigProblems problems = new ConfigProblems();
    Config merged = merge(request, problems);
    problems.throwIfAny();
    ConfigReader root = new ConfigReader(merged.root(), "", problems);
    ConfigReader aurum = root.child("aurum").orElseThrow();
    root.rejectUnknownKeys();

    String lakehouse = aurum.location("lakehouse", null);
    String landing = aurum.location("landing", null);
    String rules = aurum.location("rules", null);
    LocalDate runDate = runDate(aurum);
    List<String> sourceRefs = aurum.stringList("sources", List.of());

    ConfigReader sparkReader = aurum.child("spark").orElseThrow();
    String logFile = sparkReader.string("log-file", "");
    SparkSettings spark = new SparkSettings(
        sparkReader.string("master", "local[*]"),
        sparkReader.string("app-name", "aurum"),
        logFile.isBlank() ? null : sparkReader.location("log-file", null),
        Map.copyOf(sparkReader.stringMap("conf")));
    sparkReader.rejectUnknownKeys();

    ConfigReader ingestReader = aurum.child("ingest").orElseThrow();
    IngestSettings ingest = new IngestSettings(ingestReader.number("max-quarantine-ratio", 0.05, 0.0, 1.0));
    ingestReader.rejectUnknownKeys();
    aurum.rejectUnknownKeys();

    List<File> sourceFiles = new ArrayList<>();
    for (String ref : sourceRefs) {
      File f = ref.endsWith(".conf")
          ? new File(ConfigReader.resolveLocation(ref, merged.getValue("aurum.sources").origin()))
          : new File(rules, "sources/" + ref + ".conf");
      if (!f.isFile()) {
        aurum.problem("sources", "source \"" + ref + "\": rule file not found: " + f.getPath());
      } else {
        sourceFiles.add(f);
      }
    }
    List<SourceRule> sources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (File f : sourceFiles) {
      SourceRuleParser.parse(f, problems).ifPresent(s -> {
        if (!names.add(s.name())) {
          problems.add(f.getPath(), "name", "source name \"" + s.name() + "\" is declared by more than one rule file");
        }
        sources.add(s);
      });
    }
    problems.throwIfAny();
    String fingerprint = fingerprint(merged, sourceFiles);
    return new AurumConfig(lakehouse, landing, rules, runDate, List.copyOf(sources), spark, ingest, fingerprint);
  }

  private static Config merge(Request request, ConfigProblems problems) {
    Config config = ConfigFactory.parseResources(ConfigLoader.class, "/" + DEFAULTS);
    Optional<Config> app = parse(request.applicationConf(), false, problems);
    if (app.isPresent()) {
      config = app.get().withFallback(config);
    }
    for (Path overlay : request.overlays()) {
      Optional<Config> c = parse(overlay, true, problems);
      if (c.isPresent()) {
        config = c.get().withFallback(config);
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    ENVIRONMENT.forEach((variable, key) -> {
      String value = request.environment().get(variable);
      if (value != null && !value.isEmpty()) {
        env.put(key, value);
      }
    });
    config = ConfigFactory.parseMap(env, "environment variables").withFallback(config);
    config = ConfigFactory.parseMap(request.overrides(), "command-line flags").withFallback(config);
    try {
      return config.resolve();
    } catch (ConfigException e) {
      problems.add(e.origin(), "(substitution)", e.getMessage());
      return config;
    }
  }

  private static Optional<Config> parse(Path file, boolean required, ConfigProblems problems) {
    if (file == null) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      if (required) {
        problems.add(file.toString(), "--conf", "configuration file not found");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)));
    } catch (ConfigException e) {
      problems.add(e.origin(), file.toString(), "cannot parse: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static LocalDate runDate(ConfigReader aurum) {
    String value = aurum.string("run-date", "today");
    if ("today".equalsIgnoreCase(value.trim())) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      aurum.problem("run-date", "expected today or a date like 2026-11-22, got \"" + value + "\"");
      return LocalDate.now(ZoneOffset.UTC);
    }
  }

  private static String fingerprint(Config merged, List<File> ruleFiles) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ConfigObject aurum = merged.getObject("aurum");
      sha.update(aurum.withoutKey("run-date").render(ConfigRenderOptions.concise()).getBytes(StandardCharsets.UTF_8));
      for (File f : ruleFiles) {
        sha.update(Files.readAllBytes(f.toPath()));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("Cannot fingerprint the configuration: " + e.getMessage(), e);
    }
  }
}
