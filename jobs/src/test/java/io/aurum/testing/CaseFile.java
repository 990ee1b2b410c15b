package io.aurum.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * A table of test cases a data engineer extends without Java: a test resource of {@code |}-separated lines, the
 * first column a description; {@code #} lines, blank lines and the header line ({@code description|...}) are
 * skipped. Each case becomes one dynamic test named by its line and description.
 */
public final class CaseFile {
  private CaseFile() {}

  public static List<DynamicTest> tests(String resource, int columns, ThrowingConsumer<String[]> check) {
    String[] lines = read(resource);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("#") || lines[i].isBlank() || lines[i].startsWith("description|")) {
        continue;
      }
      String[] c = lines[i].split("\\|", -1);
      assertEquals(columns, c.length, resource + " line " + (i + 1) + " needs " + columns + " columns");
      tests.add(DynamicTest.dynamicTest("line " + (i + 1) + ": " + c[0], () -> check.accept(c)));
    }
    return tests;
  }

  private static String[] read(String resource) {
    try (InputStream in = CaseFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
