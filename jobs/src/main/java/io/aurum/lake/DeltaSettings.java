package io.aurum.lake;

import java.util.Map;

/**
 * The Spark settings a session needs to read and write Delta tables; every Aurum session applies them. Tables on a
 * local disk are written through {@link LocalFiles}, without a child process per file. New tables have no deletion
 * vectors unless {@link Lakehouse} creates them for changes in place
 * ({@link Lakehouse#ensureWithDeletionVectors}).
 */
public final class DeltaSettings {
  public static final Map<String, String> SESSION = Map.of(
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
      // Both of Hadoop's APIs: Spark writes data files through FileSystem, Delta its log through FileContext.
      "spark.hadoop.fs.file.impl", LocalFiles.NioLocalFileSystem.class.getName(),
      "spark.hadoop.fs.AbstractFileSystem.file.impl", LocalFiles.NioLocalFs.class.getName());

  private DeltaSettings() {}
}
