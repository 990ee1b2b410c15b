package io.aurum.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aurum.testing.SparkTest;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer is built again when one of its records is new, changed, moved to another golden id or gone since last
 * night, or when a steward override names it; records last seen before last night do not count as last night's. Its
 * 360 view is also written again when the orders of one of its records changed.
 */
@ExtendWith(SparkTest.class)
class ChangedCustomersTest {
  private static final StructType TONIGHT = StructType.fromDDL("record_id STRING, golden_id STRING, row_hash BIGINT");
  private static final StructType XREF = StructType.fromDDL("record_id STRING, golden_id STRING, row_hash BIGINT, "
      + "last_seen DATE");

  @Test
  void namesTheCustomersOfNewChangedMovedAndGoneRecords() {
    var spark = SparkTest.spark();
    Date lastNight = Date.valueOf("2026-11-21");
    Dataset<Row> tonight = spark.createDataFrame(List.of(
        RowFactory.create("crm:a", "G1", 1L),   // as it was
        RowFactory.create("crm:b", "G1", 20L),  // its values changed
        RowFactory.create("crm:c", "G3", 3L),   // moved from G2
        RowFactory.create("crm:d", "G4", 4L),   // new
        RowFactory.create("crm:e", "G5", 5L),   // as it was
        RowFactory.create("crm:g", "G8", 8L)),  // sent again after a night away, into its old customer
        TONIGHT);
    Dataset<Row> previous = spark.createDataFrame(List.of(
        RowFactory.create("crm:a", "G1", 1L, lastNight),
        RowFactory.create("crm:b", "G1", 2L, lastNight),
        RowFactory.create("crm:c", "G2", 3L, lastNight),
        RowFactory.create("crm:e", "G5", 5L, lastNight),
        RowFactory.create("crm:f", "G6", 6L, lastNight),                   // gone tonight
        RowFactory.create("crm:g", "G8", 8L, Date.valueOf("2026-11-20")),
        RowFactory.create("crm:h", "G7", 7L, Date.valueOf("2026-11-19"))), // gone on an earlier night
        XREF);
    Dataset<Row> overridden = spark.createDataFrame(List.of(RowFactory.create("G9")),
        StructType.fromDDL("golden_id STRING"));

    List<String> changed = ChangedCustomers.of(XrefNights.of(tonight, previous), overridden).orderBy("golden_id")
        .collectAsList().stream().map(r -> r.getString(0)).toList();

    assertEquals(List.of("G1", "G2", "G3", "G4", "G6", "G8", "G9"), changed);
  }

  @Test
  void namesTheCustomersOfRecordsWhoseOrdersChanged() {
    var spark = SparkTest.spark();
    StructType tonightSchema = StructType.fromDDL("record_id STRING, golden_id STRING, orders_hash BIGINT");
    StructType xrefSchema = StructType.fromDDL("record_id STRING, golden_id STRING, orders_hash BIGINT, "
        + "last_seen DATE");
    Date lastNight = Date.valueOf("2026-11-21");
    Dataset<Row> tonight = spark.createDataFrame(List.of(
        RowFactory.create("crm:a", "G1", 1L),    // the same orders
        RowFactory.create("crm:b", "G2", 20L),   // its orders changed
        RowFactory.create("crm:c", "G3", null),  // its orders gone
        RowFactory.create("crm:d", "G4", 4L),    // a first order
        RowFactory.create("crm:e", "G5", null),  // no orders, as before
        RowFactory.create("crm:g", "G8", 8L)),   // back after a night away: last night it had no orders
        tonightSchema);
    Dataset<Row> previous = spark.createDataFrame(List.of(
        RowFactory.create("crm:a", "G1", 1L, lastNight),
        RowFactory.create("crm:b", "G2", 2L, lastNight),
        RowFactory.create("crm:c", "G3", 3L, lastNight),
        RowFactory.create("crm:d", "G4", null, lastNight),
        RowFactory.create("crm:e", "G5", null, lastNight),
        RowFactory.create("crm:f", "G6", 6L, lastNight),   // gone tonight: its customer is built again anyway
        RowFactory.create("crm:g", "G8", 8L, Date.valueOf("2026-11-20"))),
        xrefSchema);

    List<String> changed = ChangedCustomers.withChangedOrders(XrefNights.of(tonight, previous)).orderBy("golden_id")
        .collectAsList().stream().map(r -> r.getString(0)).toList();

    assertEquals(List.of("G2", "G3", "G4", "G8"), changed);
  }
}
