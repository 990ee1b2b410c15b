package io.aurum.match.cluster;

import io.aurum.config.ConfigProblems;
import io.aurum.config.RuleCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A data steward's decisions in {@code rules/overrides/}: {@code must_link.csv} (two records are one customer,
 * whatever the scores say) and {@code cannot_link.csv} (two records are never in one cluster). Each file has the
 * header {@code left,right,reason} and names records as {@code SOURCE:SOURCE_ID}, as {@code aurum explain} does.
 * Absent files mean no overrides. A malformed line, a record paired with itself or a pair in both files is a
 * problem at start-up; a record that is not in tonight's data is not an error (it is reported in the audit).
 */
public record Overrides(List<Pair> mustLink, List<Pair> cannotLink) {
  public static final String DIRECTORY = "overrides";
  private static final List<String> COLUMNS = List.of("left", "right", "reason");
  private static final StructType SCHEMA = StructType.fromDDL(
      "kind STRING, record_id_l STRING, record_id_r STRING, reason STRING, location STRING");

  /** One override, its records in order ({@code left < right}). */
  public record Pair(String left, String right, String reason, String location) {}

  public static final Overrides NONE = new Overrides(List.of(), List.of());

  public Overrides {
    mustLink = List.copyOf(mustLink);
    cannotLink = List.copyOf(cannotLink);
  }

  public static Overrides load(Path rulesDir, ConfigProblems problems) {
    Path dir = rulesDir.resolve(DIRECTORY);
    List<Pair> must = read(dir.resolve("must_link.csv"), problems);
    List<Pair> cannot = read(dir.resolve("cannot_link.csv"), problems);
    Map<String, Pair> mustByKey = new HashMap<>();
    must.forEach(p -> mustByKey.put(p.left() + " " + p.right(), p));
    for (Pair c : cannot) {
      Pair m = mustByKey.get(c.left() + " " + c.right());
      if (m != null) {
        problems.add(c.location(), "cannot_link", c.left() + " and " + c.right() + " are also a must-link pair at "
            + m.location());
      }
    }
    return new Overrides(must, cannot);
  }

  /** Whether the steward named no pair at all. */
  public boolean isEmpty() {
    return mustLink.isEmpty() && cannotLink.isEmpty();
  }

  /** {@code kind} (must_link or cannot_link), {@code record_id_l}, {@code record_id_r}, reason and location. */
  public Dataset<Row> rows(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    mustLink.forEach(p -> rows.add(RowFactory.create("must_link", p.left(), p.right(), p.reason(), p.location())));
    cannotLink.forEach(p -> rows.add(RowFactory.create("cannot_link", p.left(), p.right(), p.reason(), p.location())));
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static List<Pair> read(Path file, ConfigProblems problems) {
    if (!Files.exists(file)) {
      return List.of();
    }
    String key = file.getFileName().toString();
    List<Pair> out = new ArrayList<>();
    for (RuleCsv.Line line : RuleCsv.read(file, COLUMNS, message -> problems.add(file.toString(), key, message))) {
      String a = line.fields().get(0);
      String b = line.fields().get(1);
      if (!isRecordId(a) || !isRecordId(b)) {
        problems.add(line.location(), key, "records are named SOURCE:SOURCE_ID, got \"" + a + "\", \"" + b + "\"");
      } else if (a.equals(b)) {
        problems.add(line.location(), key, "a record cannot be paired with itself: " + a);
      } else {
        out.add(a.compareTo(b) < 0 ? new Pair(a, b, line.fields().get(2), line.location())
            : new Pair(b, a, line.fields().get(2), line.location()));
      }
    }
    return out;
  }

  private static boolean isRecordId(String id) {
    int colon = id.indexOf(':');
    return colon > 0 && colon < id.length() - 1;
  }
}
