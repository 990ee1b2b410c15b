package io.aurum.cli;

import java.io.File;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Sends all library logging (Spark, Hadoop, Delta) to one file so that the console shows only Aurum's own
 * progress lines. {@link #install()} must run before anything logs (Spark's classes log as soon as the
 * configuration's schemas are parsed); {@link #toFile} then points the file at the lakehouse. Not used under
 * spark-submit, where the cluster's logging stays.
 */
final class LogSetup {
  private static final String FILE_PROPERTY = "aurum.log.file";

  private LogSetup() {}

  private static final String CONFIG = "aurum-log4j2.properties";

  static void install() {
    System.setProperty(FILE_PROPERTY, new File(System.getProperty("java.io.tmpdir"), "aurum-startup.log").getPath());
    System.setProperty("log4j2.configurationFile", CONFIG);
  }

  /** Points the log file at {@code path}, if {@link #install()} put Aurum's logging in place. */
  static void toFile(String path) {
    if (CONFIG.equals(System.getProperty("log4j2.configurationFile")) && !path.equals(System.getProperty(FILE_PROPERTY))) {
      System.setProperty(FILE_PROPERTY, path);
      Configurator.reconfigure();
    }
  }
}
