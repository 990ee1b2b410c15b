package io.aurum.config;

import java.time.LocalDate;
import java.util.List;

/**
 * The whole validated configuration of one Aurum invocation, immutable. Built by {@link ConfigLoader}
 * from the layered HOCON files; nothing else reads HOCON.
 *
 * @param lakehouse   root directory or URI of the Delta lake
 * @param landing     root directory or URI under which source extracts land
 * @param rulesDir    directory of the rule files
 * @param runDate     business date of the run
 * @param sources     the sources to ingest, in declaration order
 * @param spark       Spark settings
 * @param ingest      ingest stage settings
 * @param fingerprint SHA-256 of the effective configuration and every rule file, stored with each run
 */
public record AurumConfig(
    String lakehouse,
    String landing,
    String rulesDir,
    LocalDate runDate,
    List<SourceRule> sources,
    SparkSettings spark,
    IngestSettings ingest,
    String fingerprint) {

  public List<EntityRule> entities() {
    return sources.stream().flatMap(s -> s.entities().stream()).toList();
  }
}
