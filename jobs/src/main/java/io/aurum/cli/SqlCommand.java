package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.lake.Lakehouse;
import java.util.Locale;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aurum sql}: query any Aurum table by its name {@code layer.table}. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a Spark SQL query over Aurum's tables, named layer.table (e.g. bronze.crm_customers).")
final class SqlCommand extends SparkCommand {
  @Option(names = "--format", defaultValue = "table",
      description = "Output format: table, csv or json (JSON lines). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--limit", defaultValue = "1000", description = "Print at most this many rows. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Parameters(paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    ResultPrinter.Format f;
    try {
      f = ResultPrinter.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("Unknown --format " + format + "; use table, csv or json");
      return ExitCode.BAD_CONFIGURATION;
    }
    new Lakehouse(spark, config.lakehouse()).registerAll();
    try {
      ResultPrinter.print(spark.sql(query), f, limit, out());
      return ExitCode.OK;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof AnalysisException) {
        spec.commandLine().getErr().println("Query error: " + e.getMessage());
        return ExitCode.BAD_CONFIGURATION;
      }
      throw new IllegalStateException(e);
    }
  }
}
