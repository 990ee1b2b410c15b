package io.aurum.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineDecoderTest {
  private static final Charset GBK = Charset.forName("GBK");

  @Test
  void decodesValidUtf8AndGbk() {
    assertEquals("王小明,Zoë", new LineDecoder(StandardCharsets.UTF_8).decode("王小明,Zoë".getBytes(StandardCharsets.UTF_8), false).text());
    LineDecoder.Decoded gbk = new LineDecoder(GBK).decode("王小明|13812345678".getBytes(GBK), false);
    assertEquals("王小明|13812345678", gbk.text());
    assertNull(gbk.error());
  }

  @Test
  void reportsInvalidBytesWithTheirOffset() {
    byte[] bytes = {'C', 'a', 'f', (byte) 0xE9, ',', 'x'};
    LineDecoder.Decoded d = new LineDecoder(StandardCharsets.UTF_8).decode(bytes, false);
    assertEquals("invalid UTF-8 byte sequence at byte 3: 0xE9", d.error());
    assertEquals("Caf\uFFFD,x", d.text());
  }

  @Test
  void reportsInvalidGbk() {
    byte[] bytes = {'a', (byte) 0xFF, (byte) 0xFE, 'b'};
    LineDecoder.Decoded d = new LineDecoder(GBK).decode(bytes, false);
    assertTrue(d.error().startsWith("invalid GBK byte sequence at byte 1: 0xFF"), d.error());
  }

  @Test
  void utf8BomIsStrippedOnTheFirstLineOnly() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'i', 'd'};
    assertEquals("id", new LineDecoder(StandardCharsets.UTF_8).decode(bom, true).text());
    assertEquals("\uFEFFid", new LineDecoder(StandardCharsets.UTF_8).decode(bom, false).text());
  }
}
