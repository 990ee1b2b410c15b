package io.aurum.ingest;

import io.aurum.config.TextOptions;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the lines of text files in parallel, keeping for each line its file, its 1-based physical line
 * number in that file and the strictly decoded text. Line numbers are exact even when a large file is
 * split across tasks: a first pass counts the lines of each split, a second numbers them. Blank lines and,
 * with a header, line 1 are skipped; a whole file can be marked as rejected (e.g. a header that does not
 * match the schema), in which case each of its lines carries that error.
 *
 * <p>Output columns: {@code _file, _file_hash, _row_number, _line, _error, _error_detail}.
 */
public final class LineReader {
  public static final StructType SCHEMA = StructType.fromDDL("_file STRING NOT NULL, _file_hash STRING NOT NULL, "
      + "_row_number BIGINT NOT NULL, _line STRING NOT NULL, _error STRING, _error_detail STRING");

  /** Lines counted in one input split. */
  private record SplitCount(String file, long start, long lines) implements Serializable {}

  private LineReader() {}

  /**
   * @param fileErrors file location to {reason, detail} for files rejected as a whole
   */
  public static Dataset<Row> read(SparkSession spark, List<ExtractUnit> files, TextOptions options,
                                  Map<String, String[]> fileErrors) {
    JavaNewHadoopRDD<LongWritable, Text> lines = open(spark, files);
    Map<String, Long> firstLineOfSplit = firstLineOfSplit(lines);
    Map<String, String> hashes = new HashMap<>();
    files.forEach(f -> hashes.put(f.location(), f.contentHash()));
    String encoding = options.encoding();
    boolean header = options.header();
    Map<String, String[]> rejected = new HashMap<>(fileErrors);

    JavaRDD<Row> rows = lines.mapPartitionsWithInputSplit((split, it) -> {
      FileSplit fileSplit = (FileSplit) split;
      String file = fileSplit.getPath().toString();
      String hash = hashes.get(file);
      String[] fileError = rejected.get(file);
      long lineNumber = firstLineOfSplit.get(key(file, fileSplit.getStart()));
      LineDecoder decoder = new LineDecoder(Charset.forName(encoding));
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        Text text = it.next()._2();
        lineNumber++;
        if (header && lineNumber == 1) {
          continue;
        }
        LineDecoder.Decoded decoded = decoder.decode(Arrays.copyOf(text.getBytes(), text.getLength()), lineNumber == 1);
        if (decoded.text().isBlank()) {
          continue;
        }
        String error = fileError != null ? fileError[0] : decoded.error() != null ? RejectReason.UNDECODABLE : null;
        String detail = fileError != null ? fileError[1] : decoded.error();
        out.add(RowFactory.create(file, hash, lineNumber, decoded.text(), error, detail));
      }
      return out.iterator();
    }, false);
    return spark.createDataFrame(rows, SCHEMA);
  }

  @SuppressWarnings("unchecked")
  private static JavaNewHadoopRDD<LongWritable, Text> open(SparkSession spark, List<ExtractUnit> files) {
    try {
      Job job = Job.getInstance(spark.sparkContext().hadoopConfiguration());
      FileInputFormat.setInputPaths(job, files.stream().map(f -> new Path(f.location())).toArray(Path[]::new));
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      return (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopRDD(
          job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open extract files: " + e.getMessage(), e);
    }
  }

  /** Pass one: for each split, the number of lines in earlier splits of the same file. */
  private static Map<String, Long> firstLineOfSplit(JavaNewHadoopRDD<LongWritable, Text> lines) {
    List<SplitCount> counts = new ArrayList<>(lines.mapPartitionsWithInputSplit((split, it) -> {
      long n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      FileSplit fs = (FileSplit) split;
      return List.of(new SplitCount(fs.getPath().toString(), fs.getStart(), n)).iterator();
    }, false).collect());
    counts.sort(Comparator.comparing(SplitCount::file).thenComparingLong(SplitCount::start));
    Map<String, Long> first = new HashMap<>();
    String file = null;
    long seen = 0;
    for (SplitCount c : counts) {
      if (!c.file().equals(file)) {
        file = c.file();
        seen = 0;
      }
      first.put(key(c.file(), c.start()), seen);
      seen += c.lines();
    }
    return first;
  }

  private static String key(String file, long start) {
    return file + "@" + start;
  }
}
