package io.aurum.generate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Broken lines of the kinds real extracts contain, for a source's defects file: a quoted value never
 * closed, a wrong number of columns, bytes invalid in the file's encoding, a missing id, and for JSON a
 * truncated object or a value of the wrong type. Every one of them must end up in quarantine.
 */
final class Defects {
  private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};
  private static final byte[] INVALID_GBK = {(byte) 0xFF, (byte) 0xFE};

  private Defects() {}

  /** {@code count} defective CSV lines (without header) for a file with these columns. */
  static List<byte[]> csv(int count, int columns, char delimiter, Charset charset, String idPrefix) {
    List<byte[]> lines = new ArrayList<>();
    String d = String.valueOf(delimiter);
    for (int i = 0; i < count; i++) {
      String id = idPrefix + String.format("%06d", i);
      List<String> fields = new ArrayList<>();
      fields.add(id);
      for (int c = 1; c < columns; c++) {
        fields.add("x" + c);
      }
      switch (i % 4) {
        case 0 -> {
          fields.set(1, "\"Unclosed value" + d + "spills over");
          lines.add(String.join(d, fields).getBytes(charset));
        }
        case 1 -> lines.add(String.join(d, fields.subList(0, Math.max(2, columns / 2))).getBytes(charset));
        case 2 -> {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          b.writeBytes((id + d + "Bad").getBytes(charset));
          b.writeBytes(charset.name().startsWith("GB") ? INVALID_GBK : INVALID_UTF8);
          b.writeBytes((d + String.join(d, fields.subList(2, columns))).getBytes(charset));
          lines.add(b.toByteArray());
        }
        default -> {
          fields.set(0, "");
          lines.add(String.join(d, fields).getBytes(charset));
        }
      }
    }
    return lines;
  }

  /** {@code count} defective JSON lines for a file whose records have a numeric {@code idField}. */
  static List<byte[]> json(int count, String idField, Charset charset) {
    List<byte[]> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long id = 90_000_000_000L + i;
      switch (i % 4) {
        case 0 -> lines.add(("{\"" + idField + "\": " + id + ", \"name\": \"Truncated rec").getBytes(charset));
        case 1 -> lines.add(("{\"" + idField + "\": \"not-a-number-" + i + "\", \"name\": \"Wrong Type\"}").getBytes(charset));
        case 2 -> {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          b.writeBytes(("{\"" + idField + "\": " + id + ", \"name\": \"Bad").getBytes(charset));
          b.writeBytes(INVALID_UTF8);
          b.writeBytes("\"}".getBytes(charset));
          lines.add(b.toByteArray());
        }
        default -> lines.add(("{\"name\": \"No Id " + i + "\", \"email\": \"noid" + i + "@example.org\"}").getBytes(charset));
      }
    }
    return lines;
  }
}
