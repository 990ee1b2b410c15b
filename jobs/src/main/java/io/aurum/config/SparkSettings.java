package io.aurum.config;

import java.util.Map;

/**
 * Spark settings. {@code master} applies only when Aurum starts its own embedded Spark (not under
 * spark-submit, which decides the master itself). {@code conf} is passed to Spark as is.
 */
public record SparkSettings(String master, String appName, String logFile, Map<String, String> conf) {}
