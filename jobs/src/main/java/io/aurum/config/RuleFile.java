package io.aurum.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads one HOCON rule file of {@code rules/}; a missing or unparseable file is a problem naming the file. */
public final class RuleFile {
  private RuleFile() {}

  /**
   * The file's root object, or (after recording the problem and throwing) nothing.
   *
   * @param what what the file holds, for the message ("matching rule file")
   * @throws InvalidConfigurationException when the file is missing or not valid HOCON
   */
  public static ConfigReader read(Path file, String what, ConfigProblems problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(file.toString(), "(file)", what + " not found");
      problems.throwIfAny();
    }
    try {
      return new ConfigReader(ConfigFactory.parseFile(file.toFile()).resolve().root(), "", problems);
    } catch (ConfigException e) {
      problems.add(e.origin(), file.toString(), "cannot parse: " + e.getMessage());
      problems.throwIfAny();
      throw new IllegalStateException("unreachable: problems were thrown");
    }
  }

  /**
   * SHA-256 (hex) of the files' bytes, in order: what a stage stores to know whether the rules it built on are
   * still those of tonight.
   */
  public static String fingerprint(Path... files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files) {
        digest.update(Files.readAllBytes(file));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a rule file", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
