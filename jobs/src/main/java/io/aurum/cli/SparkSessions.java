package io.aurum.cli;

import io.aurum.config.AurumConfig;
import io.aurum.lake.DeltaSettings;
import java.io.File;
import org.apache.spark.sql.SparkSession;

/**
 * Starts (or joins) the Spark session for a command. Under spark-submit the master and logging come from
 * the cluster; otherwise an embedded Spark runs with {@code aurum.spark.master} and logs to
 * {@code aurum.spark.log-file} (default {@code <lakehouse>/_logs/aurum.log}).
 */
final class SparkSessions {
  private SparkSessions() {}

  static boolean underSparkSubmit() {
    return System.getProperty("spark.master") != null;
  }

  /** The log file of an embedded run. */
  static String logFile(AurumConfig config) {
    if (config.spark().logFile() != null) {
      return config.spark().logFile();
    }
    boolean local = !config.lakehouse().matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") || config.lakehouse().startsWith("file:");
    return local ? new File(config.lakehouse().replaceFirst("^file:", ""), "_logs/aurum.log").getPath() : "aurum.log";
  }

  static SparkSession start(AurumConfig config) {
    SparkSession.Builder builder = SparkSession.builder().appName(config.spark().appName());
    if (!underSparkSubmit()) {
      LogSetup.toFile(logFile(config));
      builder = builder.master(config.spark().master());
    }
    builder = builder.config("spark.sql.warehouse.dir", config.lakehouse() + "/_catalog");
    for (var e : DeltaSettings.SESSION.entrySet()) {
      builder = builder.config(e.getKey(), e.getValue());
    }
    for (var e : config.spark().conf().entrySet()) {
      builder = builder.config(e.getKey(), e.getValue());
    }
    return builder.getOrCreate();
  }
}
