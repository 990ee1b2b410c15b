package io.aurum.ingest;

import io.aurum.config.TextOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructType;

/**
 * Checks, before reading, that each CSV file's header line names the declared columns in order (spaces and
 * case ignored). A file whose header differs is not guessed at: all its rows go to quarantine with reason
 * {@link RejectReason#HEADER_MISMATCH}, so nothing is loaded into the wrong columns and nothing is lost.
 */
public final class HeaderCheck {
  private static final int MAX_HEADER_BYTES = 1 << 20;

  private HeaderCheck() {}

  /** Files whose header does not match, each mapped to {reason, detail}. */
  public static Map<String, String[]> mismatches(List<ExtractUnit> files, TextOptions options, StructType schema,
                                                 Configuration hadoopConf) {
    Map<String, String[]> out = new HashMap<>();
    if (!options.header()) {
      return out;
    }
    List<String> expected = Arrays.stream(schema.fieldNames()).map(HeaderCheck::norm).toList();
    for (ExtractUnit f : files) {
      String line = firstLine(f.location(), options.charset(), hadoopConf);
      if (line == null) {
        continue;
      }
      List<String> found = CsvDiagnosis.split(line, options.delimiter().charAt(0), options.quote().charAt(0))
          .stream().map(HeaderCheck::norm).toList();
      if (!found.equals(expected)) {
        out.put(f.location(), new String[] {RejectReason.HEADER_MISMATCH,
            "header has columns " + found + " but the rule file declares " + expected});
      }
    }
    return out;
  }

  private static String norm(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String location, Charset charset, Configuration conf) {
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n' && bytes.size() < MAX_HEADER_BYTES) {
        bytes.write(b);
      }
      if (bytes.size() == 0 && b < 0) {
        return null;
      }
      String line = new LineDecoder(charset).decode(bytes.toByteArray(), true).text();
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the header of " + location + ": " + e.getMessage(), e);
    }
  }
}
