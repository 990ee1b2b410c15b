package io.aurum.golden;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
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

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
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

  /** The order columns of the view, in its order. */
  static final List<String> ORDER_SUMMARY = List.of("order_count", "net_revenue", "reporting_currency",
      "refunded_orders", "cancelled_orders", "first_order_at", "last_order_at");

  private Customer360() {}

  /**
   * Each golden customer's orders: {@code golden_id} and {@link #ORDER_SUMMARY} (no row for a customer without
   * orders).
   *
   * @param records tonight's source records: {@code source, source_id, golden_id}
   * @param orders  {@code silver.orders}: {@link #ORDER_COLUMNS}
   */
  public static Dataset<Row> orderSummaries(Dataset<Row> records, Dataset<Row> orders) {
    Dataset<Row> owners = records.select(col("source").as("_source"), col("source_id").as("_source_id"),
        col("golden_id").as("_golden_id"));
    Column counted = not(coalesce(col("is_refund"), lit(false))).and(not(coalesce(col("is_cancelled"), lit(false))));
    // Summed per source customer first: the orders' rows collapse where they are read, and only one row per source
    // customer is shuffled to meet its golden id (the sums, counts, minima and maxima add up again per customer).
    Dataset<Row> perSourceCustomer = orders.groupBy("source", "customer_source_id")
        .agg(count(when(counted, lit(1))).as("_orders"),
            sum(when(counted, col("amount_reporting"))).as("_revenue"),
            first(col("reporting_currency"), true).as("_currency"),
            count(when(col("is_refund"), lit(1))).as("_refunds"),
            count(when(col("is_cancelled"), lit(1))).as("_cancellations"),
            min(when(counted, col("ordered_at"))).as("_first"),
            max(when(counted, col("ordered_at"))).as("_last"));
    return perSourceCustomer
        .join(owners, col("source").equalTo(col("_source")).and(col("customer_source_id").equalTo(col("_source_id"))))
        .groupBy(col("_golden_id").as("golden_id"))
        .agg(sum("_orders").as("order_count"),
            sum("_revenue").cast("decimal(28,2)").as("net_revenue"),
            first(col("_currency"), true).as("reporting_currency"),
            sum("_refunds").as("refunded_orders"),
            sum("_cancellations").as("cancelled_orders"),
            min("_first").as("first_order_at"),
            max("_last").as("last_order_at"));
  }

  /**
   * {@code golden_id} of the customers whose {@link #orderSummaries} differ from their row in {@code view} (an
   * earlier result of {@link #of}): orders added, changed or gone since, and customers missing on either side.
   */
  public static Dataset<Row> withChangedOrders(Dataset<Row> view, Dataset<Row> orderSummaries) {
    Dataset<Row> tonight = orderSummaries.select(Stream.concat(Stream.of(col("golden_id")),
        ORDER_SUMMARY.stream().map(c -> col(c).as("_" + c))).toArray(Column[]::new));
    Column same = lit(true);
    for (String c : ORDER_SUMMARY) {
      same = same.and(col(c).eqNullSafe(withoutOrders(c, col("_" + c))));
    }
    return view.select(Stream.concat(Stream.of(col("golden_id")), ORDER_SUMMARY.stream().map(functions::col))
            .toArray(Column[]::new))
        .join(tonight, new String[] {"golden_id"}, "full_outer")
        .where(not(same))
        .select("golden_id");
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
