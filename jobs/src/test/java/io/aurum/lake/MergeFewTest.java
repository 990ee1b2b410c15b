package io.aurum.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aurum.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few changes written by {@link Lakehouse#mergeFew} (a MERGE of the matched rows, then an append of the new ones)
 * give the table a MERGE with inserts would give it, also when run again; {@link Lakehouse#rowsUpsertedSince} counts
 * the rows its two commits updated and inserted.
 */
@ExtendWith(SparkTest.class)
class MergeFewTest {
  private static final StructType ROWS = StructType.fromDDL("id STRING, value STRING, gone BOOLEAN");
  private static final TableName TABLE = new TableName("gold", "things");

  @TempDir
  Path root;

  @Test
  void matchedRowsAreMergedAndNewOnesAppendedOnce() {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), root.toString());
    lake.overwrite(rows(row("a", "1", false), row("b", "2", false), row("c", "3", false)).drop("gone"), TABLE);
    Dataset<Row> changes = rows(row("b", "2 changed", false), row("c", null, true), row("d", "4", false))
        .localCheckpoint();
    Dataset<Row> kept = changes.where("NOT gone").drop("gone");

    long before = lake.version(TABLE);
    apply(lake, changes, kept);
    Map<String, String> expected = new TreeMap<>(Map.of("a", "1", "b", "2 changed", "d", "4"));
    assertEquals(expected, table(lake));
    assertEquals(2, lake.rowsUpsertedSince(TABLE, before), "b updated, d inserted");

    // Run again (as after a failure between the two commits, or after both): nothing is added twice.
    before = lake.version(TABLE);
    apply(lake, changes, kept);
    assertEquals(expected, table(lake));
    assertEquals(3, lake.read(TABLE).count());
    assertEquals(2, lake.rowsUpsertedSince(TABLE, before), "b and d updated again, nothing inserted");
    assertEquals(0, lake.rowsUpsertedSince(TABLE, lake.version(TABLE)));
  }

  private static void apply(Lakehouse lake, Dataset<Row> changes, Dataset<Row> kept) {
    lake.mergeFew(TABLE, "id", changes,
        m -> m.whenMatched("s.gone").delete().whenMatched().updateExpr(Map.of("value", "s.value")), kept);
  }

  private static Map<String, String> table(Lakehouse lake) {
    Map<String, String> out = new TreeMap<>();
    lake.read(TABLE).collectAsList().forEach(r -> out.put(r.getString(0), r.getString(1)));
    return out;
  }

  private static Dataset<Row> rows(Row... rows) {
    return SparkTest.spark().createDataFrame(List.of(rows), ROWS);
  }

  private static Row row(String id, String value, boolean gone) {
    return RowFactory.create(id, value, gone);
  }
}
