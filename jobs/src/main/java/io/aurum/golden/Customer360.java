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

  private Customer360() {}

  /**
   * @param customers {@code gold.customers}
   * @param records   tonight's source records: {@code source, source_id, golden_id, updated_at, attributes}
   * @param orders    {@code silver.orders}: {@code source, customer_source_id, ordered_at, amount_reporting,
   *                  reporting_currency, is_refund, is_cancelled}
   * @return the customers' columns without provenance and attribute hash, then the behaviour columns
   */
  public static Dataset<Row> of(Dataset<Row> customers, Dataset<Row> records, Dataset<Row> orders, Settings settings) {
    Dataset<Row> owners = records.select(col("source").as("_source"), col("source_id").as("_source_id"),
        col("golden_id").as("_golden_id"));
    Column counted = not(coalesce(col("is_refund"), lit(false))).and(not(coalesce(col("is_cancelled"), lit(false))));
    Dataset<Row> orderSummary = orders
        .join(owners, col("source").equalTo(col("_source")).and(col("customer_source_id").equalTo(col("_source_id"))))
        .groupBy(col("_golden_id").as("golden_id"))
        .agg(count(when(counted, lit(1))).as("order_count"),
            sum(when(counted, col("amount_reporting"))).as("net_revenue"),
            first(col("reporting_currency"), true).as("reporting_currency"),
            count(when(col("is_refund"), lit(1))).as("refunded_orders"),
            count(when(col("is_cancelled"), lit(1))).as("cancelled_orders"),
            min(when(counted, col("ordered_at"))).as("first_order_at"),
            max(when(counted, col("ordered_at"))).as("last_order_at"));
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
    out.add(coalesce(col("order_count"), lit(0L)).as("order_count"));
    out.add(coalesce(col("net_revenue"), lit(0).cast("decimal(28,2)")).as("net_revenue"));
    out.add(col("reporting_currency"));
    out.add(coalesce(col("refunded_orders"), lit(0L)).as("refunded_orders"));
    out.add(coalesce(col("cancelled_orders"), lit(0L)).as("cancelled_orders"));
    out.add(col("first_order_at"));
    out.add(col("last_order_at"));
    out.add(coalesce(col("service_tickets"), lit(0L)).as("service_tickets"));
    out.add(col("preferred_channels"));
    out.add(greatest(col("last_order_at"), col("_last_update")).as("last_interaction_at"));
    return customers.join(orderSummary, new String[] {"golden_id"}, "left")
        .join(recordSummary, new String[] {"golden_id"}, "left")
        .select(out.toArray(Column[]::new));
  }
}
