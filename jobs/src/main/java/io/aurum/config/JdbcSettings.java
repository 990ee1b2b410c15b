package io.aurum.config;

/**
 * Where a {@code jdbc} source reads from. The password is never in a rule file: {@code passwordEnv} names
 * the environment variable that holds it. With a partition column the read is split into
 * {@code numPartitions} parallel range queries between the bounds.
 */
public record JdbcSettings(
    String url,
    String table,
    String query,
    String user,
    String passwordEnv,
    String partitionColumn,
    Long lowerBound,
    Long upperBound,
    int numPartitions,
    int fetchSize) {

  /** A description safe to store as lineage: the URL without credentials, plus the table or "query". */
  public String lineageName() {
    String safeUrl = url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***");
    return safeUrl + (table != null ? "#" + table : "#query");
  }
}
