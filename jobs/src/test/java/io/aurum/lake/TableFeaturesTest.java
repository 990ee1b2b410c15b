package io.aurum.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.SparkTest;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletion vectors only on the tables created for changes in place, and kept (with the change feed) when such a table
 * is replaced whole; a table only replaced or appended to has neither.
 */
@ExtendWith(SparkTest.class)
class TableFeaturesTest {
  private static final StructType ROWS = StructType.fromDDL("id STRING, value STRING");
  private static final TableName TABLE = new TableName("gold", "things");

  @TempDir
  Path root;

  @Test
  void aTableOnlyReplacedHasNoDeletionVectors() {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), root.toString());
    lake.overwrite(rows(), TABLE);
    lake.append(rows(), TABLE);

    assertFalse(features(lake).contains("deletionVectors"));
    assertFalse(lake.hasChangeFeed(TABLE));
  }

  @Test
  void aTableForChangesInPlaceKeepsDeletionVectorsWhenReplaced() {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), root.toString());
    lake.ensureWithDeletionVectors(TABLE, ROWS);
    lake.overwrite(rows(), TABLE);

    assertTrue(features(lake).contains("deletionVectors"));
    assertFalse(lake.hasChangeFeed(TABLE));
  }

  @Test
  void aTableWithChangeFeedHasDeletionVectorsAndAMergeWritesOne() {
    Lakehouse lake = new Lakehouse(SparkTest.spark(), root.toString());
    lake.ensureWithChangeFeed(TABLE, ROWS);
    lake.overwrite(rows(), TABLE);
    lake.merge(TABLE, SparkTest.spark().createDataFrame(List.of(RowFactory.create("b", "2 changed")), ROWS),
        "t.id = s.id").whenMatched().updateAll().execute();

    assertTrue(features(lake).contains("deletionVectors"));
    assertTrue(lake.hasChangeFeed(TABLE));
    // The changed row is marked in a deletion vector: the file holding the other two is not rewritten.
    Map<String, String> metrics = DeltaTable.forPath(SparkTest.spark(), lake.location(TABLE)).history(1)
        .select("operationMetrics").first().getJavaMap(0);
    assertEquals("1", metrics.get("numTargetDeletionVectorsAdded"));
    assertEquals("0", metrics.get("numTargetRowsCopied"));
    assertEquals(Map.of("a", "1", "b", "2 changed", "c", "3"), lake.read(TABLE).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1))));
  }

  private Dataset<Row> rows() {
    return SparkTest.spark().createDataFrame(List.of(RowFactory.create("a", "1"), RowFactory.create("b", "2"),
        RowFactory.create("c", "3")), ROWS).coalesce(1);
  }

  private static List<String> features(Lakehouse lake) {
    return DeltaTable.forPath(SparkTest.spark(), lake.location(TABLE)).detail().select("tableFeatures").first()
        .getList(0);
  }
}
