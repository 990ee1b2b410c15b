package io.aurum.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aurum.config.ConfigProblems;
import io.aurum.config.ConfigReader;
import io.aurum.testing.SparkTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class OrderAmountsTest {
  private static final String RULES = """
      order-amounts {
        reporting-currency = USD
        fx-rates = fx
        refund-statuses = [refunded]
        cancel-statuses = [cancelled, void]
      }
      """;

  @TempDir
  Path lookups;

  private OrderAmounts parse(String rules, String fxFile, ConfigProblems problems) throws IOException {
    Files.writeString(lookups.resolve("fx.csv"), "currency,valid_from,rate\n# a comment\n" + fxFile);
    ConfigReader reader = new ConfigReader(ConfigFactory.parseString(rules).root(), "", problems);
    return StandardizeRules.parse(reader, new Lookups(lookups), List.of()).orderAmounts();
  }

  private static Dataset<Row> orders(String... values) {
    return SparkTest.spark().sql("SELECT source_id, CAST(ordered_at AS TIMESTAMP) ordered_at, "
        + "CAST(amount AS DECIMAL(18,2)) amount, currency, status, CAST(array() AS ARRAY<STRING>) dq_issues "
        + "FROM VALUES " + String.join(", ", values) + " AS t(source_id, ordered_at, amount, currency, status)");
  }

  @Test
  void convertsAtTheRateInForceOnTheOrderDate() throws IOException {
    ConfigProblems problems = new ConfigProblems();
    OrderAmounts amounts = parse(RULES, "GBP,2024-01-01,0.80\nGBP,2024-07-01,0.75\nCNY,2024-01-01,7.20\n", problems);
    assertTrue(problems.isEmpty(), problems.list().toString());
    Map<String, Row> out = new TreeMap<>();
    amounts.apply(orders(
            "('a', '2024-03-10 10:00:00', 80.00, 'GBP', 'paid')",
            "('b', '2024-07-01 00:00:00', 75.00, 'GBP', 'refunded')",
            "('c', '2025-02-01 12:00:00', 72.00, 'CNY', 'void')",
            "('d', '2024-03-10 10:00:00', 19.99, 'USD', 'paid')",
            "('e', '2023-12-31 23:00:00', 10.00, 'GBP', NULL)",
            "('f', '2024-03-10 10:00:00', 10.00, 'XYZ', 'paid')",
            "('g', NULL, NULL, 'USD', 'cancelled')"))
        .collectAsList().forEach(r -> out.put(r.getAs("source_id"), r));
    assertEquals(7, out.size(), "no row dropped or multiplied");
    assertEquals(new BigDecimal("100.00"), out.get("a").getAs("amount_reporting"));
    assertEquals(new BigDecimal("100.00"), out.get("b").getAs("amount_reporting"), "the July rate from July 1st");
    assertEquals(new BigDecimal("10.00"), out.get("c").getAs("amount_reporting"), "the last rate stays in force");
    assertEquals(new BigDecimal("19.99"), out.get("d").getAs("amount_reporting"), "reporting currency as is");
    assertNull(out.get("e").getAs("amount_reporting"), "before the first rate");
    assertEquals(List.of("currency.no_rate"), out.get("e").getList(out.get("e").fieldIndex("dq_issues")));
    assertEquals(List.of("currency.no_rate"), out.get("f").getList(out.get("f").fieldIndex("dq_issues")));
    assertEquals(List.of("amount.missing", "ordered_at.missing"), out.get("g").getList(out.get("g").fieldIndex("dq_issues")));
    assertEquals("USD", out.get("a").getAs("reporting_currency"));
    assertTrue((Boolean) out.get("b").getAs("is_refund"));
    assertFalse((Boolean) out.get("b").getAs("is_cancelled"));
    assertTrue((Boolean) out.get("c").getAs("is_cancelled"));
    assertTrue((Boolean) out.get("g").getAs("is_cancelled"));
    assertFalse((Boolean) out.get("e").getAs("is_refund"), "no status is not a refund");
    assertFalse((Boolean) out.get("a").getAs("is_refund"));
  }

  @Test
  void aBadRateFileOrCurrencyIsReportedWithFileLineAndKey() throws IOException {
    ConfigProblems problems = new ConfigProblems();
    parse(RULES.replace("= USD", "= dollars"), "GBP,2024-01-01,0.80\nGBP,01/07/2024,0.75\nCNY,2024-01-01,-7\n"
        + "CNY,2024-01-01\n", problems);
    String all = problems.list().toString();
    assertEquals(4, problems.list().size(), all);
    assertTrue(all.contains("reporting-currency") && all.contains("\"dollars\""), all);
    assertTrue(all.contains("fx.csv:4: expected currency,yyyy-MM-dd,decimal rate, got GBP,01/07/2024,0.75"), all);
    assertTrue(all.contains("fx.csv:5: rate -7 is not positive"), all);
    assertTrue(all.contains("fx.csv:6: expected currency,valid_from,rate, got 2 values"), all);
  }

  @Test
  void anUnknownKeyOrMissingRateFileIsReported() throws IOException {
    ConfigProblems problems = new ConfigProblems();
    parse(RULES.replace("fx-rates = fx", "fx-rates = nowhere\n refund-status = [x]"), "", problems);
    String all = problems.list().toString();
    assertTrue(all.contains("order-amounts.fx-rates") && all.contains("lookup table not found"), all);
    assertTrue(all.contains("order-amounts.refund-status"), all);
  }
}
