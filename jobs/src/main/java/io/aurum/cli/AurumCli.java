package io.aurum.cli;

import io.aurum.config.InvalidConfigurationException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Entry point of the {@code aurum} command, both for {@code scripts/aurum} (embedded Spark) and for
 * {@code spark-submit --class io.aurum.cli.AurumCli}. Only {@link #main} exits the JVM.
 */
@Command(name = "aurum", mixinStandardHelpOptions = true, version = "aurum 0.1.0",
    description = "Aurum: one trusted golden record per customer, built nightly on Spark and Delta Lake.",
    subcommands = {RunCommand.class, SqlCommand.class, TablesCommand.class, EvaluateCommand.class, ExplainCommand.class, BlockingCommand.class, ChangesCommand.class, HistoryCommand.class, GenerateCommand.class, BenchmarkCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 crashed, 2 bad configuration or usage, 3 a data check failed."})
public final class AurumCli implements Callable<Integer> {
  private final Map<String, String> environment;

  @Spec
  CommandSpec spec;

  public AurumCli(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  Map<String, String> environment() {
    return environment;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.BAD_CONFIGURATION;
  }

  public static void main(String[] args) {
    if (!SparkSessions.underSparkSubmit()) {
      LogSetup.install();
    }
    int code = execute(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    System.exit(code);
  }

  /** Runs one command and returns its exit code; the Spark session, if any, is left running. */
  public static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new AurumCli(environment));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof InvalidConfigurationException) {
        commandLine.getErr().println(e.getMessage());
        return ExitCode.BAD_CONFIGURATION;
      }
      LogManager.getLogger(AurumCli.class).error("aurum failed", e);
      commandLine.getErr().println("aurum: failed: " + e);
      for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
        commandLine.getErr().println("  caused by: " + cause);
      }
      return ExitCode.CRASHED;
    });
    return cl.execute(args);
  }
}
