package io.aurum.testing;

import io.aurum.lake.DeltaSettings;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving every test class the same local Spark session with Delta Lake, created once per
 * test JVM (two cores, two shuffle partitions, no UI) and stopped when the JVM exits.
 */
public final class SparkTest implements BeforeAllCallback {
  private static SparkSession session;

  @Override
  public void beforeAll(ExtensionContext context) {
    spark();
  }

  public static synchronized SparkSession spark() {
    if (session == null) {
      SparkSession.Builder b = SparkSession.builder()
          .appName("aurum-tests")
          .master("local[2]")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.ansi.enabled", "false")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
          .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/aurum-test-warehouse");
      for (var e : DeltaSettings.SESSION.entrySet()) {
        b = b.config(e.getKey(), e.getValue());
      }
      session = b.getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
