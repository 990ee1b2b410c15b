package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.pipeline.Pipeline;
import io.aurum.pipeline.RunStatus;
import io.aurum.pipeline.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code aurum run}: the nightly pipeline. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the nightly pipeline (all stages, or those given) for one run date.",
    footer = {"", "Exit codes: 0 success, 2 bad configuration, 3 a data check failed, 1 crashed."})
final class RunCommand extends SparkCommand {
  @Option(names = "--stages", split = ",", paramLabel = "LIST",
      description = "Comma-separated stages to run, in pipeline order: ${COMPLETION-CANDIDATES}. Default: all.")
  List<String> stages = new ArrayList<>();

  @Option(names = "--as-of", paramLabel = "DATE", description = "Run date (yyyy-MM-dd); default aurum.run-date.")
  LocalDate asOf;

  @Option(names = "--full", description = "Match all records and retrain instead of an incremental night "
      + "(see incremental in rules/match.conf).")
  boolean full;

  @Override
  Map<String, String> overrides() {
    return asOf == null ? Map.of() : Map.of("aurum.run-date", asOf.toString());
  }

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    List<Stage> selected = new ArrayList<>();
    for (String s : stages) {
      selected.add(Stage.byKey(s).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "Unknown stage \"" + s + "\"; stages: " + String.join(", ", Stage.keys()))));
    }
    List<Stage> ordered = selected.isEmpty() ? List.of(Stage.values())
        : Arrays.stream(Stage.values()).filter(selected::contains).toList();
    Pipeline.Result result = new Pipeline(spark, config, environment(), line -> {
      out().println(line);
      out().flush();
    }).run(ordered, full);
    if (result.status() == RunStatus.FAILED_CHECKS) {
      result.failedChecks().forEach(c -> spec.commandLine().getErr().println("data check failed: " + c));
      out().println("run " + result.run().runId() + " finished with failed data checks");
      return ExitCode.FAILED_CHECKS;
    }
    out().println("run " + result.run().runId() + " succeeded");
    return ExitCode.OK;
  }
}
