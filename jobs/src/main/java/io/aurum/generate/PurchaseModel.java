package io.aurum.generate;

import java.io.Serializable;
import java.util.Locale;

/**
 * The true purchase process of generated customers, written next to the truth so that later stages can
 * check they recover it. BG/NBD: while alive a customer buys at Poisson rate lambda per day, lambda ~
 * Gamma(shape r, rate alpha); after each repeat purchase the customer drops out with probability p ~
 * Beta(a, b). Gamma-Gamma: each purchase's value (in USD) is Gamma(shape spendP, rate nu), nu ~
 * Gamma(shape spendQ, rate spendGamma).
 */
record PurchaseModel(double r, double alpha, double a, double b, double spendP, double spendQ, double spendGamma)
    implements Serializable {

  static final PurchaseModel DEFAULT = new PurchaseModel(0.9, 40.0, 0.8, 3.0, 6.0, 3.5, 20.0);

  String toJson(long customers, long seed, String firstDay, String lastDay) {
    return String.format(Locale.ROOT, """
        {
          "customers": %d,
          "seed": %d,
          "observation_start": "%s",
          "observation_end": "%s",
          "time_unit": "day",
          "currency_of_spend": "USD",
          "bg_nbd": {"r": %s, "alpha": %s, "a": %s, "b": %s},
          "gamma_gamma": {"p": %s, "q": %s, "gamma": %s},
          "fx_usd_per_unit": {"USD": 1.0, "GBP": %s, "CNY": %s}
        }
        """, customers, seed, firstDay, lastDay, r, alpha, a, b, spendP, spendQ, spendGamma,
        1 / Purchases.perUsd("GBP"), 1 / Purchases.perUsd("CNY"));
  }
}
