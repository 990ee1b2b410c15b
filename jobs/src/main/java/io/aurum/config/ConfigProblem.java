package io.aurum.config;

import com.typesafe.config.ConfigOrigin;

/**
 * One thing wrong with a configuration or rule file: where (file and line), which key, and what to fix.
 *
 * @param location "file:line" of the offending value, or a description of its origin
 * @param key      full path of the key, e.g. {@code aurum.ingest.max-quarantine-ratio}
 * @param message  what is wrong and what would be valid
 */
public record ConfigProblem(String location, String key, String message) {

  public static String describe(ConfigOrigin origin) {
    if (origin == null) {
      return "(unknown origin)";
    }
    if (origin.filename() != null) {
      return origin.lineNumber() > 0 ? origin.filename() + ":" + origin.lineNumber() : origin.filename();
    }
    if (origin.url() != null) {
      return origin.lineNumber() > 0 ? origin.url() + ":" + origin.lineNumber() : origin.url().toString();
    }
    return origin.description();
  }

  @Override
  public String toString() {
    return location + ": " + key + ": " + message;
  }
}
