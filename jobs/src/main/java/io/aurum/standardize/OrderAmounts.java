package io.aurum.standardize;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.ConfigReader;
import io.aurum.config.RuleCsv;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Brings standardized order lines to one reporting currency and marks refunds and cancellations.
 * Exchange rates come from a lookup file of {@code currency,valid_from,rate} rows, {@code rate} being the
 * units of that currency one unit of the reporting currency buys from {@code valid_from} until the currency's
 * next row; an order is converted at the rate in force on its date.
 *
 * <p>Adds {@code reporting_currency}, {@code fx_rate}, {@code amount_reporting}, {@code is_refund} and
 * {@code is_cancelled}; adds to {@code dq_issues} {@code amount.missing}, {@code ordered_at.missing} and
 * {@code currency.no_rate} (an amount in a currency without a rate on that date, left unconverted). Without a
 * reporting currency only the flags and the first two checks are added.
 *
 * @param reportingCurrency ISO 4217 code of the reporting currency
 * @param rates             rate periods, by currency then start date
 * @param refundStatuses    standardized statuses that mean the order was refunded
 * @param cancelStatuses    standardized statuses that mean the order was cancelled
 */
public record OrderAmounts(String reportingCurrency, List<Rate> rates, List<String> refundStatuses,
                           List<String> cancelStatuses) {
  /** No conversion configured: amounts are kept in their own currency and nothing is flagged. */
  public static final OrderAmounts NONE = new OrderAmounts(null, List.of(), List.of(), List.of());

  private static final StructType RATES = StructType.fromDDL(
      "_fx_currency STRING, _fx_from DATE, _fx_until DATE, _fx_rate DECIMAL(18,8)");
  private static final LocalDate FOREVER = LocalDate.of(9999, 12, 31);

  /** One rate period: {@code rate} units of {@code currency} per reporting unit from {@code validFrom}. */
  public record Rate(String currency, LocalDate validFrom, BigDecimal rate) {}

  static OrderAmounts parse(ConfigReader r, Lookups lookups) {
    String reporting = r.string("reporting-currency");
    if (reporting != null && !reporting.matches("[A-Z]{3}")) {
      r.problem("reporting-currency", "expected an ISO 4217 code such as USD, got \"" + reporting + "\"");
    }
    String table = r.string("fx-rates");
    List<Rate> rates = new ArrayList<>();
    if (table != null) {
      for (RuleCsv.Line line : lookups.lines(table, r, "fx-rates", List.of("currency", "valid_from", "rate"))) {
        Rate rate = rate(line, r);
        if (rate != null) {
          rates.add(rate);
        }
      }
    }
    rates.sort(Comparator.comparing(Rate::currency).thenComparing(Rate::validFrom));
    OrderAmounts amounts = new OrderAmounts(reporting, List.copyOf(rates),
        r.stringList("refund-statuses", List.of()), r.stringList("cancel-statuses", List.of()));
    r.rejectUnknownKeys();
    return amounts;
  }

  private static Rate rate(RuleCsv.Line line, ConfigReader r) {
    List<String> f = line.fields();
    String problem = null;
    try {
      Rate rate = new Rate(f.get(0), LocalDate.parse(f.get(1)), new BigDecimal(f.get(2)));
      if (!rate.currency().matches("[A-Z]{3}")) {
        problem = "currency \"" + f.get(0) + "\" is not an ISO 4217 code";
      } else if (rate.rate().signum() <= 0) {
        problem = "rate " + f.get(2) + " is not positive";
      } else {
        return rate;
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      problem = "expected currency,yyyy-MM-dd,decimal rate, got " + String.join(",", f);
    }
    r.problem("fx-rates", line.location() + ": " + problem);
    return null;
  }

  /** The rate periods as a small table, each closed by the next period of its currency. */
  private List<Row> periods() {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rates.size(); i++) {
      Rate rate = rates.get(i);
      Rate next = i + 1 < rates.size() && rates.get(i + 1).currency().equals(rate.currency()) ? rates.get(i + 1) : null;
      out.add(RowFactory.create(rate.currency(), java.sql.Date.valueOf(rate.validFrom()),
          java.sql.Date.valueOf(next == null ? FOREVER : next.validFrom()), rate.rate()));
    }
    return out;
  }

  /** Converts and flags standardized orders (with {@code dq_issues}); rows are never dropped or multiplied. */
  public Dataset<Row> apply(Dataset<Row> orders) {
    Dataset<Row> flagged = orders
        .withColumn("is_refund", coalesce(col("status").isin(refundStatuses.toArray()), lit(false)))
        .withColumn("is_cancelled", coalesce(col("status").isin(cancelStatuses.toArray()), lit(false)));
    List<Column> issues = new ArrayList<>(List.of(
        when(col("amount").isNull(), lit("amount.missing")),
        when(col("ordered_at").isNull(), lit("ordered_at.missing"))));
    if (reportingCurrency != null) {
      Dataset<Row> periods = orders.sparkSession().createDataFrame(periods(), RATES);
      // The order's day as a column of its own: in the join's condition it would be computed again for every
      // rate period of the order's currency.
      Column inForce = col("currency").equalTo(col("_fx_currency"))
          .and(col("_fx_day").geq(col("_fx_from"))).and(col("_fx_day").lt(col("_fx_until")));
      flagged = flagged.withColumn("_fx_day", to_date(col("ordered_at"))).join(broadcast(periods), inForce, "left")
          .withColumn("reporting_currency", lit(reportingCurrency))
          .withColumn("fx_rate", when(col("currency").equalTo(lit(reportingCurrency)), lit(BigDecimal.ONE))
              .otherwise(col("_fx_rate")))
          .withColumn("amount_reporting", col("amount").divide(col("fx_rate")).cast("decimal(18,2)"))
          .drop("_fx_day", "_fx_currency", "_fx_from", "_fx_until", "_fx_rate");
      issues.add(when(col("amount").isNotNull().and(col("fx_rate").isNull()), lit("currency.no_rate")));
    }
    return flagged.withColumn("dq_issues", concat(col("dq_issues"), IssueCodes.gather(issues)));
  }
}
