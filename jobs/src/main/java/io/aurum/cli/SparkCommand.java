package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.TableName;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that needs the configuration and a Spark session: the configuration is loaded and validated
 * first, so a bad one fails before Spark starts.
 */
abstract class SparkCommand implements Callable<Integer> {
  @ParentCommand
  AurumCli parent;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  /** Command-specific configuration overrides (highest layer). */
  Map<String, String> overrides() {
    return Map.of();
  }

  abstract int execute(SparkSession spark, AurumConfig config);

  /** True, after telling the user which stage writes it, when the table a command reads does not exist yet. */
  boolean missing(Lakehouse lake, TableName table, String stage) {
    if (lake.exists(table)) {
      return false;
    }
    spec.commandLine().getErr().println("No " + table + " in " + lake.root() + ": run the " + stage + " stage first");
    return true;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  Map<String, String> environment() {
    return parent.environment();
  }

  @Override
  public Integer call() {
    AurumConfig config = configOptions.load(environment(), overrides());
    return execute(SparkSessions.start(config), config);
  }
}
