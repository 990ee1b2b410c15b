package io.aurum.testing;

import io.aurum.config.AurumConfig;
import io.aurum.config.ConfigLoader;
import io.aurum.ingest.IngestResult;
import io.aurum.ingest.IngestStage;
import io.aurum.lake.Lakehouse;
import io.aurum.pipeline.Progress;
import io.aurum.pipeline.RunContext;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away Aurum installation in a temporary directory: rule files under {@code rules/sources},
 * extracts under {@code landing/}, a lakehouse under {@code lake/}, loaded through the real configuration
 * path and ingested with the shared test Spark session.
 */
public final class IngestFixture {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Path dir;

  public IngestFixture(Path dir) {
    this.dir = dir;
  }

  public Path landing(String relative) {
    return dir.resolve("landing").resolve(relative);
  }

  public IngestFixture source(String name, String ruleText) {
    TestFiles.write(dir.resolve("rules/sources/" + name + ".conf"), ruleText);
    return this;
  }

  /** The configuration of this installation with the given sources. */
  public AurumConfig config(Map<String, String> flags, String... sources) {
    Path overlay = TestFiles.write(dir.resolve("aurum.conf"), "aurum { lakehouse = lake, landing = landing, "
        + "rules = rules, sources = [" + String.join(", ", sources) + "] }");
    return ConfigLoader.load(new ConfigLoader.Request(null, List.of(overlay), Map.of(), flags));
  }

  public AurumConfig config(String... sources) {
    return config(Map.of("aurum.ingest.max-quarantine-ratio", "1.0"), sources);
  }

  public Lakehouse lake(AurumConfig config) {
    return new Lakehouse(SparkTest.spark(), config.lakehouse());
  }

  public IngestResult ingest(AurumConfig config) {
    return ingest(config, Map.of());
  }

  public IngestResult ingest(AurumConfig config, Map<String, String> environment) {
    RunContext run = new RunContext("test-run-" + RUNS.incrementAndGet(), config.runDate(),
        new Timestamp(System.currentTimeMillis()));
    return new IngestStage(SparkTest.spark(), lake(config), config, environment, Progress.NONE).run(run);
  }
}
