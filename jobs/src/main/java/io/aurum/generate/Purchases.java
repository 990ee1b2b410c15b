package io.aurum.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Orders of one customer following {@link PurchaseModel}: the first purchase on the day the customer
 * joined, repeat purchases until dropout or the end of the window. Each order is placed through the
 * customer's e-commerce account or ERP account; about 6% are refunded or cancelled and about 1% of lines
 * are sent twice, as re-sent extracts do.
 */
final class Purchases implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  static final StructType ECOMMERCE_ORDERS = new StructType()
      .add("order_id", DataTypes.StringType).add("user_id", DataTypes.LongType)
      .add("created_at", DataTypes.StringType).add("total", DataTypes.createDecimalType(12, 2))
      .add("currency", DataTypes.StringType).add("status", DataTypes.StringType)
      .add("updated_at", DataTypes.StringType);
  static final StructType ERP_INVOICES = new StructType()
      .add("INVOICE_NO", DataTypes.StringType).add("ACCOUNT_NO", DataTypes.StringType)
      .add("INVOICE_DATE", DataTypes.StringType).add("AMOUNT", DataTypes.StringType)
      .add("CURRENCY", DataTypes.StringType).add("STATUS", DataTypes.StringType);

  private static final DateTimeFormatter ERP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  /** One purchase: when, its value in USD, and whether it went through e-commerce. */
  record Purchase(int sequence, LocalDateTime at, double usd, boolean ecommerce) {}

  private final long seed;
  private final LocalDate lastDay;
  private final PurchaseModel model;

  Purchases(long seed, LocalDate lastDay, PurchaseModel model) {
    this.seed = seed;
    this.lastDay = lastDay;
    this.model = model;
  }

  static double perUsd(String currency) {
    return switch (currency) {
      case "GBP" -> 0.79;
      case "CNY" -> 7.2;
      default -> 1.0;
    };
  }

  List<Purchase> purchases(Person p) {
    boolean ecom = p.in(Person.ECOMMERCE);
    boolean erp = p.in(Person.ERP);
    if (!ecom && !erp) {
      return List.of();
    }
    Rng rng = new Rng(seed, p.id(), 20);
    double lambda = rng.gamma(model.r(), model.alpha());
    double dropout = rng.beta(model.a(), model.b());
    double nu = rng.gamma(model.spendQ(), model.spendGamma());
    double horizon = lastDay.toEpochDay() - p.since().toEpochDay();
    List<Purchase> out = new ArrayList<>();
    double t = 0;
    int seq = 0;
    while (true) {
      LocalDateTime at = p.since().atTime(10, 0).plusMinutes((long) (t * 24 * 60));
      boolean viaEcom = ecom && (!erp || rng.chance(0.65));
      out.add(new Purchase(seq++, at, rng.gamma(model.spendP(), nu), viaEcom));
      t += rng.exponential(lambda);
      if (t > horizon || (seq > 1 && rng.chance(dropout))) {
        break;
      }
    }
    return out;
  }

  List<Row> ecommerceOrders(Person p) {
    List<Row> rows = new ArrayList<>();
    String currency = currency(p);
    for (Purchase x : purchases(p)) {
      if (!x.ecommerce()) {
        continue;
      }
      Rng rng = new Rng(seed, p.id() * 1000 + x.sequence(), 21);
      String status = status(rng, "paid", "refunded", "cancelled");
      Row row = RowFactory.create(String.format("SO-%d-%03d", SystemRecords.ecommerceId(p.id(), 0), x.sequence()),
          SystemRecords.ecommerceId(p.id(), 0), x.at() + ":00Z", amount(x.usd(), currency), currency, status,
          x.at().plusDays(status.equals("paid") ? 0 : 3) + ":00Z");
      rows.add(row);
      if (rng.chance(0.01)) {
        rows.add(row);
      }
    }
    return rows;
  }

  List<Row> erpInvoices(Person p) {
    List<Row> rows = new ArrayList<>();
    String currency = currency(p);
    for (Purchase x : purchases(p)) {
      if (x.ecommerce()) {
        continue;
      }
      Rng rng = new Rng(seed, p.id() * 1000 + x.sequence(), 22);
      Row row = RowFactory.create(String.format("INV%09d%03d", p.id(), x.sequence()), SystemRecords.erpId(p.id()),
          x.at().toLocalDate().format(ERP_DATE), amount(x.usd(), currency).toPlainString(), currency,
          status(rng, "PAID", "CREDIT_NOTE", "VOID"));
      rows.add(row);
      if (rng.chance(0.01)) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static String currency(Person p) {
    return switch (p.country()) {
      case "CN" -> "CNY";
      case "GB" -> "GBP";
      default -> "USD";
    };
  }

  private static BigDecimal amount(double usd, String currency) {
    return BigDecimal.valueOf(usd * perUsd(currency)).setScale(2, RoundingMode.HALF_UP);
  }

  private static String status(Rng rng, String ok, String refunded, String cancelled) {
    double u = rng.uniform();
    return u < 0.04 ? refunded : u < 0.06 ? cancelled : ok;
  }
}
