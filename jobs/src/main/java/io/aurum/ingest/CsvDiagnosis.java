package io.aurum.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains, for people, why a CSV line did not parse, and splits header lines. Plain static functions so
 * they can be tested without Spark and used in a UDF on the (few) malformed rows only.
 */
public final class CsvDiagnosis {
  private CsvDiagnosis() {}

  /** Splits a line on {@code delimiter} outside quotes; a doubled quote inside quotes is a literal quote. */
  public static List<String> split(String line, char delimiter, char quote) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
          current.append(quote);
          i++;
        } else if (c == quote) {
          quoted = false;
        } else {
          current.append(c);
        }
      } else if (c == quote) {
        quoted = true;
      } else if (c == delimiter) {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields;
  }

  /** True when a quoted field is opened and never closed. */
  public static boolean unbalancedQuotes(String line, char quote) {
    long quotes = line.chars().filter(c -> c == quote).count();
    return quotes % 2 != 0;
  }

  /** Why a line that Spark's CSV parser rejected is malformed. */
  public static String explain(String line, char delimiter, char quote, int expectedColumns) {
    if (unbalancedQuotes(line, quote)) {
      return "broken quoting: a quoted value is not closed";
    }
    int found = split(line, delimiter, quote).size();
    if (found != expectedColumns) {
      return "wrong column count: " + found + " values, the schema declares " + expectedColumns;
    }
    return "a value does not fit its declared type";
  }
}
