package io.aurum.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Prints a query result as an aligned text table (at most {@code limit} rows), as CSV with a header (RFC
 * 4180 quoting) or as JSON lines. CSV and JSON stream the rows partition by partition instead of collecting
 * them all on the driver.
 */
final class ResultPrinter {
  enum Format { TABLE, CSV, JSON }

  private ResultPrinter() {}

  static void print(Dataset<Row> result, Format format, int limit, PrintWriter out) {
    switch (format) {
      case CSV -> csv(result, limit, out);
      case JSON -> json(result, limit, out);
      default -> table(result, limit, out);
    }
    out.flush();
  }

  private static void table(Dataset<Row> result, int limit, PrintWriter out) {
    String[] names = result.columns();
    List<Row> rows = result.limit(limit + 1).collectAsList();
    boolean truncated = rows.size() > limit;
    List<String[]> cells = new ArrayList<>();
    for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
      String[] c = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        c[i] = r.isNullAt(i) ? "null" : String.valueOf(r.get(i)).replace('\n', ' ');
      }
      cells.add(c);
    }
    int[] width = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      width[i] = names[i].length();
      for (String[] c : cells) {
        width[i] = Math.min(80, Math.max(width[i], c[i].length()));
      }
    }
    out.println(line(names, width));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(rule);
    cells.forEach(c -> out.println(line(c, width)));
    out.println("(" + cells.size() + (cells.size() == 1 ? " row" : " rows")
        + (truncated ? "; more rows exist, use --limit or --format csv" : "") + ")");
  }

  private static String line(String[] values, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String v = values[i].length() > width[i] ? values[i].substring(0, width[i] - 1) + "…" : values[i];
      b.append(i == 0 ? "" : " | ").append(String.format(Locale.ROOT, "%-" + width[i] + "s", v));
    }
    return b.toString().stripTrailing();
  }

  private static void csv(Dataset<Row> result, int limit, PrintWriter out) {
    String[] names = result.columns();
    out.println(String.join(",", Arrays.stream(names).map(ResultPrinter::quote).toList()));
    Iterator<Row> it = result.limit(limit).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < names.length; i++) {
        b.append(i == 0 ? "" : ",").append(r.isNullAt(i) ? "" : quote(String.valueOf(r.get(i))));
      }
      out.println(b);
    }
  }

  static String quote(String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static void json(Dataset<Row> result, int limit, PrintWriter out) {
    Iterator<String> it = result.limit(limit).toJSON().toLocalIterator();
    while (it.hasNext()) {
      out.println(it.next());
    }
  }
}
