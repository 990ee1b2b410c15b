package io.aurum.golden;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.SparkTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The 360-degree view sums behaviour over all of a customer's source records and orders. */
@ExtendWith(SparkTest.class)
class Customer360Test {
  private static final StructType CUSTOMERS = StructType.fromDDL("golden_id STRING, full_name STRING, "
      + "provenance ARRAY<STRUCT<attribute: STRING, source: STRING>>, attribute_hash STRING, record_count LONG");
  private static final StructType RECORDS = StructType.fromDDL("source STRING, source_id STRING, golden_id STRING, "
      + "updated_at TIMESTAMP, attributes MAP<STRING, STRING>");
  private static final Customer360.Settings SETTINGS = new Customer360.Settings("tickets_opened", "preferred_channel");

  @Test
  void ordersTicketsAndChannelsOfEveryRecordAddUpPerGoldenCustomer() {
    var spark = SparkTest.spark();
    var customers = spark.createDataFrame(List.of(
        RowFactory.create("G1", "Ann Lee", List.of(), "h1", 3L),
        RowFactory.create("G2", "Bob Hill", List.of(), "h2", 1L)), CUSTOMERS);
    var records = spark.createDataFrame(List.of(
        RowFactory.create("ecommerce", "10", "G1", ts("2026-01-05 10:00:00"), Map.of()),
        RowFactory.create("erp", "E1", "G1", ts("2025-06-01 00:00:00"), Map.of()),
        RowFactory.create("servicedesk", "S1", "G1", ts("2026-02-01 09:00:00"),
            Map.of("tickets_opened", "3", "preferred_channel", "Chat")),
        RowFactory.create("servicedesk", "S2", "G2", ts("2026-03-01 09:00:00"),
            Map.of("tickets_opened", "2", "preferred_channel", "phone"))), RECORDS);
    var orders = spark.createDataFrame(List.of(
        order("ecommerce", "10", "2026-01-01 12:00:00", "20.00", false, false),
        order("ecommerce", "10", "2026-03-02 12:00:00", "5.50", false, false),
        order("ecommerce", "10", "2026-03-03 12:00:00", "99.00", true, false),
        order("erp", "E1", "2025-05-01 12:00:00", "10.00", false, false),
        order("erp", "E1", "2026-04-01 12:00:00", "7.00", false, true),
        // The customer number of a source record that is not in tonight's data: no golden customer to count it for.
        order("erp", "E9", "2026-01-01 12:00:00", "1000.00", false, false)), Customer360.ORDER_COLUMNS);

    var owners = withOrders(records, orders);
    var rows = Customer360.of(customers, owners, Customer360.orderSummaries(owners), SETTINGS)
        .orderBy("golden_id").collectAsList();

    assertEquals(List.of("golden_id", "full_name", "record_count", "order_count", "net_revenue", "reporting_currency",
        "refunded_orders", "cancelled_orders", "first_order_at", "last_order_at", "service_tickets",
        "preferred_channels", "last_interaction_at"), List.of(rows.get(0).schema().fieldNames()),
        "no provenance or attribute hash");
    Row ann = rows.get(0);
    assertEquals(3L, ann.<Long>getAs("order_count"));
    assertEquals(0, new BigDecimal("35.50").compareTo(ann.getAs("net_revenue")), "refund and cancellation excluded");
    assertEquals("EUR", ann.getAs("reporting_currency"));
    assertEquals(1L, ann.<Long>getAs("refunded_orders"));
    assertEquals(1L, ann.<Long>getAs("cancelled_orders"));
    assertEquals(ts("2025-05-01 12:00:00"), ann.getAs("first_order_at"));
    assertEquals(ts("2026-03-02 12:00:00"), ann.getAs("last_order_at"));
    assertEquals(3L, ann.<Long>getAs("service_tickets"));
    assertEquals(List.of("chat"), ann.getList(ann.fieldIndex("preferred_channels")));
    assertEquals(ts("2026-03-02 12:00:00"), ann.getAs("last_interaction_at"), "the later of orders and updates");

    Row bob = rows.get(1);
    assertEquals(0L, bob.<Long>getAs("order_count"));
    assertEquals(0, BigDecimal.ZERO.compareTo(bob.getAs("net_revenue")));
    assertNull(bob.getAs("last_order_at"));
    assertEquals(2L, bob.<Long>getAs("service_tickets"));
    assertEquals(ts("2026-03-01 09:00:00"), bob.getAs("last_interaction_at"));
  }

  @Test
  void aSourceCustomersOrdersHashChangesWithItsOrdersOnly() {
    var spark = SparkTest.spark();
    var lastNight = spark.createDataFrame(List.of(
        order("ecommerce", "10", "2026-01-01 12:00:00", "20.00", false, false),
        order("erp", "E3", "2025-05-01 12:00:00", "10.00", false, false),
        order("erp", "E3", "2025-05-02 12:00:00", "10.00", true, false),
        order("erp", "E4", "2025-05-01 12:00:00", "5.00", false, false)), Customer360.ORDER_COLUMNS);
    var tonight = spark.createDataFrame(List.of(
        order("ecommerce", "10", "2026-01-01 12:00:00", "25.00", false, false),
        order("erp", "E3", "2025-05-02 12:00:00", "10.00", true, false),
        order("erp", "E3", "2025-05-01 12:00:00", "10.00", false, false),
        order("erp", "E4", "2025-05-01 12:00:00", "5.00", false, true)), Customer360.ORDER_COLUMNS);

    Map<String, Long> before = hashes(lastNight);
    Map<String, Long> after = hashes(tonight);

    assertNotEquals(before.get("ecommerce:10"), after.get("ecommerce:10"), "an amount changed");
    assertEquals(before.get("erp:E3"), after.get("erp:E3"), "the same orders, read in another order");
    assertNotEquals(before.get("erp:E4"), after.get("erp:E4"), "an order cancelled");
  }

  @Test
  void ordersAreSummedInAHashTableOneRowPerSourceCustomerInTheTablesCurrency() {
    var orders = SparkTest.spark().createDataFrame(List.of(
        order("ecommerce", "10", "2026-01-01 12:00:00", "20.00", false, false),
        order("ecommerce", "10", "2026-01-02 12:00:00", "5.00", false, false),
        order("erp", "10", "2026-01-03 12:00:00", "7.00", false, false)), Customer360.ORDER_COLUMNS);

    var perRecord = Customer360.recordOrders(orders);

    assertEquals(List.of("ecommerce:10 2 EUR", "erp:10 1 EUR"), perRecord.orderBy("record_id").collectAsList().stream()
        .map(r -> r.getAs("record_id") + " " + r.getAs("order_count") + " " + r.getAs("reporting_currency")).toList());
    String plan = perRecord.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("HashAggregate") && !plan.contains("SortAggregate"),
        "a first value of a string column per customer would make Spark sort every order: " + plan);
  }

  /** {@code records} with {@code record_id} and their {@link Customer360#recordOrders}, as the golden stage joins them. */
  private static Dataset<Row> withOrders(Dataset<Row> records, Dataset<Row> orders) {
    return records.withColumn("record_id", concat(col("source"), lit(":"), col("source_id")))
        .join(Customer360.recordOrders(orders), new String[] {"record_id"}, "left");
  }

  private static Map<String, Long> hashes(Dataset<Row> orders) {
    Map<String, Long> out = new TreeMap<>();
    Customer360.recordOrders(orders).collectAsList()
        .forEach(r -> out.put(r.getAs("record_id"), r.getAs(Customer360.ORDERS_HASH)));
    return out;
  }

  private static Row order(String source, String customer, String at, String amount, boolean refund, boolean cancelled) {
    return RowFactory.create(source, customer, ts(at), new BigDecimal(amount), "EUR", refund, cancelled);
  }

  private static Timestamp ts(String s) {
    return Timestamp.valueOf(s);
  }
}
