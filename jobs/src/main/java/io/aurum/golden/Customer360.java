package io.aurum.golden;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.aurum.lake.ValueHash;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.customer_360}: every current golden record with what the customer did across all sources: orders
 * (counted, net revenue in the reporting currency, refunds and cancellations apart, first and last), service
 * tickets and preferred contact channels (from source attributes named in the rules), and the last interaction
 * (latest order or record update). A customer without orders or tickets has zero counts, not nulls.
 */
public final class Customer360 {
  /**
   * Which source attributes (the {@code attributes} map of {@code silver.customers}) carry behaviour.
   *
   * @param ticketsAttribute  the number of service tickets a record's customer opened
   * @param channelAttribute  the contact channel a record's customer prefers
   */
  public record Settings(String ticketsAttribute, String channelAttribute) {}

  /** The columns of {@code silver.orders} read here (a run without order sources has no such table). */
  public static final StructType ORDER_COLUMNS = StructType.fromDDL("source STRING, customer_source_id STRING, "
      + "ordered_at TIMESTAMP, amount_reporting DECIMAL(18,2), reporting_currency STRING, is_refund BOOLEAN, "
      + "is_cancelled BOOLEAN");

  /** A source record's {@link #recordOrders} hash, kept in the cross-reference. */
  public static final String ORDERS_HASH = "orders_hash";

  /** The order columns of the view, in its order. */
  static final List<String> ORDER_SUMMARY = List.of("order_count", "net_revenue", "reporting_currency",
      "refunded_orders", "cancelled_orders", "first_order_at", "last_order_at");

  private Customer360() {}

  /**
   * Each source customer's orders, as a source record of {@code silver.customers} sees them: {@code record_id}
   * ({@code source:customer_source_id}), {@link #ORDER_SUMMARY} and {@link #ORDERS_HASH}, a hash of those columns
   * by which a later night tells whose orders changed. One row per source customer with orders; an order whose
   * customer has no source record tonight reaches no golden customer. The reporting currency is the table's: the
   * standardize stage gives every row the one its rules name. Read once, not per customer, so that Spark sums the
   * orders in a hash table (a string's first value would make it sort all orders) partitioned by record id, as the
   * golden stage joins them.
   *
   * @param orders {@code silver.orders}: {@link #ORDER_COLUMNS}
   */
  public static Dataset<Row> recordOrders(Dataset<Row> orders) {
    Column counted = not(coalesce(col("is_refund"), lit(false))).and(not(coalesce(col("is_cancelled"), lit(false))));
    Column currency = orders.select("reporting_currency").where(col("reporting_currency").isNotNull()).limit(1)
        .scalar();
    Dataset<Row> summaries = orders.groupBy(concat(col("source"), lit(":"), col("customer_source_id")).as("record_id"))
        .agg(count(when(counted, lit(1))).as("order_count"),
            sum(when(counted, col("amount_reporting"))).cast("decimal(28,2)").as("net_revenue"),
            currency.as("reporting_currency"),
            count(when(col("is_refund"), lit(1))).as("refunded_orders"),
            count(when(col("is_cancelled"), lit(1))).as("cancelled_orders"),
            min(when(counted, col("ordered_at"))).as("first_order_at"),
            max(when(counted, col("ordered_at"))).as("last_order_at"));
    return summaries.withColumn(ORDERS_HASH, ValueHash.of(summaries, ORDER_SUMMARY));
  }

  /**
   * Each golden customer's orders: {@code golden_id} and {@link #ORDER_SUMMARY} (no row for a customer without
   * orders). The sums, counts, minima and maxima of its records add up.
   *
   * @param records source records: {@code golden_id} and their {@link #recordOrders} columns (null without orders)
   */
  public static Dataset<Row> orderSummaries(Dataset<Row> records) {
    return records.where(col("order_count").isNotNull())
        .groupBy("golden_id")
        .agg(sum("order_count").as("order_count"),
            sum("net_revenue").cast("decimal(28,2)").as("net_revenue"),
            first(col("reporting_currency"), true).as("reporting_currency"),
            sum("refunded_orders").as("refunded_orders"),
            sum("cancelled_orders").as("cancelled_orders"),
            min("first_order_at").as("first_order_at"),
            max("last_order_at").as("last_order_at"));
  }

  /** A {@link #ORDER_SUMMARY} column as the view shows it: zero counts and revenue for a customer without orders. */
  private static Column withoutOrders(String column, Column value) {
    return switch (column) {
      case "order_count", "refunded_orders", "cancelled_orders" -> coalesce(value, lit(0L));
      case "net_revenue" -> coalesce(value, lit(0).cast("decimal(28,2)"));
      default -> value;
    };
  }

  /**
   * @param customers      {@code gold.customers}
   * @param records        tonight's source records: {@code source, source_id, golden_id, updated_at, attributes}
   * @param orderSummaries {@link #orderSummaries} of these records
   * @return the customers' columns without provenance and attribute hash, then the behaviour columns
   */
  public static Dataset<Row> of(Dataset<Row> customers, Dataset<Row> records, Dataset<Row> orderSummaries,
                                Settings settings) {
    Column tickets = element_at(col("attributes"), lit(settings.ticketsAttribute())).cast("long");
    Column channel = lower(element_at(col("attributes"), lit(settings.channelAttribute())));
    Dataset<Row> recordSummary = records.groupBy("golden_id")
        .agg(coalesce(sum(tickets), lit(0L)).as("service_tickets"),
            array_sort(collect_set(channel)).as("preferred_channels"),
            max(col("updated_at")).as("_last_update"));
    List<Column> out = new ArrayList<>();
    for (String c : customers.columns()) {
      if (!c.equals("provenance") && !c.equals("attribute_hash")) {
        out.add(col(c));
      }
    }
    ORDER_SUMMARY.forEach(c -> out.add(withoutOrders(c, col(c)).as(c)));
    out.add(coalesce(col("service_tickets"), lit(0L)).as("service_tickets"));
    out.add(col("preferred_channels"));
    out.add(greatest(col("last_order_at"), col("_last_update")).as("last_interaction_at"));
    return customers.join(orderSummaries, new String[] {"golden_id"}, "left")
        .join(recordSummary, new String[] {"golden_id"}, "left")
        .select(out.toArray(Column[]::new));
  }
}
