package io.aurum.config;

import java.io.Serializable;
import java.nio.charset.Charset;

/**
 * Reader options of a line-oriented source (CSV or JSON lines). Every file holds one record per line;
 * with {@code header} the first line names the columns and must match the declared schema; with
 * {@code trim} spaces around CSV values are ignored.
 */
public record TextOptions(
    boolean header,
    String delimiter,
    String quote,
    String escape,
    boolean trim,
    String encoding,
    String nullValue,
    String dateFormat,
    String timestampFormat) implements Serializable {

  public Charset charset() {
    return Charset.forName(encoding);
  }
}
