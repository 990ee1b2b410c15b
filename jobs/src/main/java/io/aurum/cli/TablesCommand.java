package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.TableInfo;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;

/** {@code aurum tables}: every table with its Delta version, row count and last write. */
@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "List every table in the lakehouse with its Delta version, row count and last write.")
final class TablesCommand extends SparkCommand {
  private static final StructType SCHEMA = StructType.fromDDL(
      "table STRING, version BIGINT, rows BIGINT, last_write TIMESTAMP, last_operation STRING");

  @Override
  int execute(SparkSession spark, AurumConfig config) {
    List<Row> rows = new Lakehouse(spark, config.lakehouse()).list().stream()
        .map(TablesCommand::row).toList();
    ResultPrinter.print(spark.createDataFrame(rows, SCHEMA), ResultPrinter.Format.TABLE, Integer.MAX_VALUE - 1, out());
    return ExitCode.OK;
  }

  private static Row row(TableInfo t) {
    return RowFactory.create(t.name().toString(), t.version(), t.rows(), t.lastWrite(), t.lastOperation());
  }
}
