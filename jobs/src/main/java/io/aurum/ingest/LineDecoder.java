package io.aurum.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes one line's bytes strictly: text that is not valid in the declared encoding is reported (with the
 * byte offset) instead of being silently replaced, so the row can be quarantined. The returned text always
 * exists; for undecodable bytes it carries U+FFFD replacement characters, for people to read.
 */
public final class LineDecoder {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** A decoded line and, when its bytes were invalid, what was wrong with them. */
  public record Decoded(String text, String error) {}

  private final Charset charset;
  private final CharsetDecoder strict;

  public LineDecoder(Charset charset) {
    this.charset = charset;
    this.strict = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Decodes {@code bytes}; {@code firstLine} strips a UTF-8 byte-order mark. */
  public Decoded decode(byte[] bytes, boolean firstLine) {
    int start = firstLine && startsWithBom(bytes) ? UTF8_BOM.length : 0;
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate((int) ((bytes.length - start) * (double) strict.maxCharsPerByte()) + 1);
    strict.reset();
    CoderResult result = strict.decode(in, out, true);
    if (!result.isError()) {
      result = strict.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      StringBuilder hex = new StringBuilder();
      for (int i = at; i < Math.min(at + Math.max(result.length(), 1), bytes.length); i++) {
        hex.append(String.format(" 0x%02X", bytes[i] & 0xFF));
      }
      String text = new String(bytes, start, bytes.length - start, charset);
      return new Decoded(text, "invalid " + charset.name() + " byte sequence at byte " + at + ":" + hex);
    }
    out.flip();
    return new Decoded(out.toString(), null);
  }

  private static boolean startsWithBom(byte[] b) {
    return b.length >= 3 && b[0] == UTF8_BOM[0] && b[1] == UTF8_BOM[1] && b[2] == UTF8_BOM[2];
  }
}
