package io.aurum.match.compare;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/** Jaro-Winkler similarity (Commons Text), registered as the SQL function {@code jaro_winkler(a, b)}. */
public final class JaroWinkler {
  public static final String SQL_NAME = "jaro_winkler";
  private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

  private JaroWinkler() {}

  /** Similarity from 0 (nothing in common) to 1 (equal); null when either is null. */
  public static Double similarity(String a, String b) {
    return a == null || b == null ? null : SIMILARITY.apply(a, b);
  }

  public static void register(SparkSession spark) {
    spark.udf().register(SQL_NAME, (UDF2<String, String, Double>) JaroWinkler::similarity, DataTypes.DoubleType);
  }
}
