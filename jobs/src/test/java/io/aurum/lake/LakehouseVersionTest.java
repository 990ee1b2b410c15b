package io.aurum.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.Console;
import scala.runtime.AbstractFunction0;

/**
 * {@link Lakehouse#version} follows every commit, also one made by another {@link Lakehouse} on the same root, and
 * each write reports the rows its own commit wrote; {@link Lakehouse#list} shows the last commit; an empty overwrite of
 * an empty table commits nothing; {@link Lakehouse#keepOnlyCurrentFiles} leaves one version's files.
 */
@ExtendWith(SparkTest.class)
class LakehouseVersionTest {
  private static final StructType ROWS = StructType.fromDDL("id INT, part STRING");
  private static final TableName TABLE = new TableName("silver", "things");

  @TempDir
  Path root;

  @Test
  void versionsAndCommittedRowsFollowEachWrite() {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), root.toString());
    assertEquals(-1, lake.version(TABLE));

    assertEquals(5, lake.overwrite(rows(0, 5, "a"), TABLE));
    assertEquals(0, lake.version(TABLE));
    assertEquals(3, lake.append(rows(5, 8, "b"), TABLE));
    assertEquals(1, lake.version(TABLE));
    assertEquals(2, lake.replace(rows(10, 12, "b"), TABLE, "part = 'b'"));
    assertEquals(2, lake.version(TABLE));
    assertEquals(7, lake.read(TABLE).count());

    // A commit by another writer of the same table is seen, and a write after it reports its own rows.
    Lakehouse other = new Lakehouse(SparkTest.spark(), root.toString());
    assertEquals(4, other.append(rows(20, 24, "c"), TABLE));
    assertEquals(3, lake.version(TABLE));
    assertEquals(1, lake.append(rows(30, 31, "c"), TABLE));
    assertEquals(4, lake.version(TABLE));

    // What `aurum tables` shows: the last commit's version and operation, and the rows the table holds.
    TableInfo info = lake.list().get(0);
    assertEquals(List.of(TABLE, 4L, 12L, "WRITE"),
        List.of(info.name(), info.version(), info.rows(), info.lastOperation()));
    assertTrue(info.lastWrite().toInstant().isAfter(Instant.now().minusSeconds(600)), info.lastWrite().toString());
  }

  @Test
  void anEmptyOverwriteOfAnEmptyTableCommitsNothing() {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), root.toString());
    Dataset<Row> none = rows(0, 0, "a");
    // The first write creates the table; the same empty rows again commit nothing.
    assertEquals(0, lake.overwriteUnlessEmpty(none, TABLE, true));
    assertEquals(0, lake.version(TABLE));
    SparkTest.spark().sparkContext().setJobGroup("empty-check", "the check of an empty table", false);
    assertEquals(0, lake.overwriteUnlessEmpty(none, TABLE, true));
    assertEquals(0, SparkTest.spark().sparkContext().statusTracker().getJobIdsForGroup("empty-check").length,
        "the Delta log's checksum tells the table holds no file: no Spark job");
    SparkTest.spark().sparkContext().clearJobGroup();
    assertEquals(0, lake.version(TABLE));
    // Rows are written, and an empty overwrite then replaces them.
    assertEquals(2, lake.overwriteUnlessEmpty(rows(0, 2, "a"), TABLE, false));
    assertEquals(1, lake.version(TABLE));
    assertEquals(0, lake.overwriteUnlessEmpty(none, TABLE, true));
    assertEquals(2, lake.version(TABLE));
    assertEquals(0, lake.read(TABLE).count());
    // Empty rows of other columns replace the schema.
    Dataset<Row> otherColumns = SparkTest.spark().createDataFrame(List.of(), StructType.fromDDL("id INT, kind INT"));
    assertEquals(0, lake.overwriteUnlessEmpty(otherColumns, TABLE, true));
    assertEquals(3, lake.version(TABLE));
    assertEquals(List.of("id", "kind"), List.of(lake.read(TABLE).columns()));
  }

  @Test
  void keepingOnlyTheCurrentFilesLeavesOneVersionOnDiskAndTheRowsAsTheyAre() throws IOException {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), root.toString());
    lake.overwrite(rows(0, 5, "a").repartition(2), TABLE);
    lake.overwrite(rows(5, 8, "b").repartition(3), TABLE);
    lake.overwrite(rows(10, 12, "c").coalesce(1), TABLE);
    assertTrue(dataFiles().size() >= 3, dataFiles().toString());
    assertEquals(List.of(TABLE), lake.tableNames("silver"));
    assertEquals(List.of(), lake.tableNames("match"));

    String check = "spark.databricks.delta.retentionDurationCheck.enabled";
    String before = SparkTest.spark().conf().get(check, null);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Console.withOut(console, new AbstractFunction0<Object>() {
      @Override
      public Object apply() {
        lake.keepOnlyCurrentFiles(TABLE);
        return null;
      }
    });
    assertEquals("", console.toString(), "Delta's report of what it deleted stays off the console");
    assertEquals(1, dataFiles().size(), dataFiles().toString());
    assertEquals(List.of(10, 11), lake.read(TABLE).orderBy("id").select("id").as(Encoders.INT()).collectAsList());
    assertEquals(before, SparkTest.spark().conf().get(check, null), "Delta's retention check is as it was");
    // Running it again with nothing to delete changes nothing.
    lake.keepOnlyCurrentFiles(TABLE);
    assertEquals(1, dataFiles().size());
  }

  private List<Path> dataFiles() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("silver/things"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
    }
  }

  /** Rows with ids {@code from} (included) to {@code to} (excluded), all in {@code part}. */
  private static Dataset<Row> rows(int from, int to, String part) {
    List<Row> rows = IntStream.range(from, to).mapToObj(i -> RowFactory.create(i, part)).toList();
    return SparkTest.spark().createDataFrame(rows, ROWS);
  }
}
