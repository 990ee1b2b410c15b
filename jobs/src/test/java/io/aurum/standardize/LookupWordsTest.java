package io.aurum.standardize;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aurum.testing.SparkTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TextFunctions#lookupWords} gives what Spark SQL's word-by-word lookup gives: split at spaces, a trailing
 * dot or comma dropped, lower-cased (ICU beyond ASCII), looked up, the word kept when absent.
 */
@ExtendWith(SparkTest.class)
class LookupWordsTest {
  private static final Map<String, String> TABLE = Map.of("street", "St", "avenue", "Ave", "école", "Éc",
      "οδος", "Od", "straße", "Str", "i̇stanbul", "IST", "apartment", "Apt");

  @Test
  void theSameAsSparkSqlWordByWord() {
    List<String> values = Arrays.asList("12 Main Street", "12 MAIN STREET.", "5 Oak Ave.,", "Avenue, Street,",
        "rue de l'ÉCOLE", "ΟΔΟΣ Αθηνάς", "Hauptstraße 5", "HAUPTSTRASSE 5", "İSTANBUL cd", "a  b Street ",
        " Street", "", "Street.\n", "Apartment 4, Flat 2", "no lookup here", "王府井 Street");
    List<Column> entries = new ArrayList<>();
    TABLE.forEach((k, v) -> {
      entries.add(lit(k.toLowerCase(Locale.ROOT)));
      entries.add(lit(v));
    });
    Column map = functions.map(entries.toArray(Column[]::new));
    List<Row> rows = SparkTest.spark().createDataset(values, Encoders.STRING()).toDF("v")
        .select(col("v"), array_join(transform(split(col("v"), " "),
            w -> coalesce(element_at(map, lower(regexp_replace(w, "[.,]$", ""))), w)), " ").as("sql"))
        .collectAsList();
    for (Row r : rows) {
      assertEquals(r.getString(1), TextFunctions.lookupWords(r.getString(0), TABLE), "[" + r.getString(0) + "]");
    }
    assertEquals("12 Main St", TextFunctions.lookupWords("12 Main Street.", TABLE));
  }

  @Test
  void nullStaysNull() {
    assertNull(TextFunctions.lookupWords(null, TABLE));
  }
}
