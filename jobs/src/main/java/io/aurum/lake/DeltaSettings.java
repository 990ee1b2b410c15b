package io.aurum.lake;

import java.util.Map;

/** The Spark settings a session needs to read and write Delta tables; every Aurum session applies them. */
public final class DeltaSettings {
  public static final Map<String, String> SESSION = Map.of(
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");

  private DeltaSettings() {}
}
