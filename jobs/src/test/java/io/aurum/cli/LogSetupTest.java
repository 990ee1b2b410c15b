package io.aurum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.rolling.CompositeTriggeringPolicy;
import org.apache.logging.log4j.core.appender.rolling.DefaultRolloverStrategy;
import org.apache.logging.log4j.core.appender.rolling.SizeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.appender.rolling.TriggeringPolicy;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logging an embedded run installs ({@code aurum-log4j2.properties}) keeps its file bounded: it rolls over at
 * 64 MB and keeps four older files. Read into a configuration of its own; the tests' logging is left as it is.
 */
class LogSetupTest {
  @TempDir
  Path dir;

  @Test
  void theLogFileRollsOverAt64MegabytesAndKeepsFourOlderFiles() throws URISyntaxException {
    String previous = System.getProperty("aurum.log.file");
    String file = dir.resolve("aurum.log").toString();
    System.setProperty("aurum.log.file", file);
    LoggerContext context = new LoggerContext("log-setup-test");
    Configuration config = ConfigurationFactory.getInstance().getConfiguration(context, "aurum",
        LogSetup.class.getClassLoader().getResource("aurum-log4j2.properties").toURI());
    try {
      config.initialize();
      RollingFileAppender appender = assertInstanceOf(RollingFileAppender.class, config.getAppender("file"));
      assertEquals(file, appender.getFileName());
      assertEquals(file + ".%i", appender.getFilePattern());
      TriggeringPolicy[] policies = assertInstanceOf(CompositeTriggeringPolicy.class, appender.getTriggeringPolicy())
          .getTriggeringPolicies();
      assertEquals(1, policies.length, Arrays.toString(policies));
      assertEquals(64L << 20, assertInstanceOf(SizeBasedTriggeringPolicy.class, policies[0]).getMaxFileSize());
      DefaultRolloverStrategy strategy = assertInstanceOf(DefaultRolloverStrategy.class,
          appender.getManager().getRolloverStrategy());
      assertEquals(1, strategy.getMinIndex());
      assertEquals(4, strategy.getMaxIndex());
    } finally {
      config.stop();
      if (previous == null) {
        System.clearProperty("aurum.log.file");
      } else {
        System.setProperty("aurum.log.file", previous);
      }
    }
  }
}
