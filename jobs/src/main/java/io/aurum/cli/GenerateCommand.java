package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.generate.UniverseGenerator;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aurum generate}: a realistic multi-source customer universe with ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate source extracts (CRM, e-commerce, ERP, service desk) of N true customers with "
        + "ground truth (truth.csv) and the true purchase model (purchase_model.json).",
        "The bundled sample-data/ is: generate --customers 3000 --seed 42 --out sample-data"})
final class GenerateCommand extends SparkCommand {
  @Option(names = "--customers", defaultValue = "3000", description = "True customers. Default: ${DEFAULT-VALUE}.")
  long customers;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (replaced files).")
  String out;

  @Option(names = "--first-day", defaultValue = "2023-01-01", description = "Earliest customer start. Default: ${DEFAULT-VALUE}.")
  LocalDate firstDay;

  @Option(names = "--last-day", defaultValue = "2026-11-20", description = "Extract date. Default: ${DEFAULT-VALUE}.")
  LocalDate lastDay;

  @Option(names = "--defect-rate", defaultValue = "0.002",
      description = "Defective lines per customer in each defects file (at least 4). Default: ${DEFAULT-VALUE}.")
  double defectRate;

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    long start = System.nanoTime();
    List<UniverseGenerator.Output> outputs = new UniverseGenerator(spark, new UniverseGenerator.Settings(
        customers, seed, out, firstDay, lastDay, defectRate)).generate();
    for (UniverseGenerator.Output o : outputs) {
      out().printf("generate %-60s %,10d records%n", o.path(), o.records());
    }
    out().printf("generate %,d customers in %.1f s%n", customers, (System.nanoTime() - start) / 1e9);
    return ExitCode.OK;
  }
}
