package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options every command shares: configuration overlays and single settings. The base configuration is
 * {@code $AURUM_HOME/conf/application.conf} (AURUM_HOME defaults to the working directory).
 */
public final class ConfigOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "Configuration overlay (HOCON) over conf/application.conf; repeatable, later wins.")
  List<Path> overlays = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set one configuration key, e.g. --set aurum.ingest.max-quarantine-ratio=0.1; repeatable.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--lakehouse", paramLabel = "DIR", description = "Lakehouse root (overrides aurum.lakehouse).")
  String lakehouse;

  /** Loads the layered configuration; {@code extra} are command-specific flags (highest layer). */
  AurumConfig load(Map<String, String> environment, Map<String, String> extra) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "--set expects KEY=VALUE, got \"" + s + "\"");
      }
      overrides.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    if (lakehouse != null) {
      overrides.put("aurum.lakehouse", lakehouse);
    }
    overrides.putAll(extra);
    String home = environment.getOrDefault("AURUM_HOME", "");
    Path applicationConf = Path.of(home.isEmpty() ? "." : home, "conf", "application.conf");
    return ConfigLoader.load(new ConfigLoader.Request(applicationConf, overlays, environment, overrides));
  }
}
