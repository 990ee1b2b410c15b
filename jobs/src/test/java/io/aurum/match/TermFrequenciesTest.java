package io.aurum.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aurum.match.compare.Comparison;
import io.aurum.match.compare.TermFrequencies;
import io.aurum.testing.SparkTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class TermFrequenciesTest {
  private static final Comparison NAME = new Comparison("name",
      List.of(new Comparison.Level("exact", "name_key_l = name_key_r")), List.of(), "name_key");

  private static Dataset<Row> population() {
    return SparkTest.spark().createDataFrame(List.of(
        RowFactory.create("a", "wang"), RowFactory.create("b", "wang"), RowFactory.create("c", "wang"),
        RowFactory.create("d", "ouyang"), RowFactory.create("e", "li"), RowFactory.create("f", "li"),
        RowFactory.create("g", null), RowFactory.create("h", "zhao")),
        StructType.fromDDL("record_id STRING, name_key STRING"));
  }

  @Test
  void aValueSharesTheRecordsWithAValue() {
    Map<String, Double> shares = shares(TermFrequencies.add(population(), List.of(NAME)));

    assertEquals(3 / 7.0, shares.get("a"), 1e-15);
    assertEquals(1 / 7.0, shares.get("d"), 1e-15);
    assertEquals(2 / 7.0, shares.get("f"), 1e-15);
    assertNull(shares.get("g"), "a record without a value has no share");
  }

  @Test
  void aFewRecordsGetTheSharesOfTheirValuesAmongThePopulation() {
    Dataset<Row> population = population();
    Dataset<Row> few = population.where("record_id IN ('b', 'd', 'g')");
    Map<String, Double> all = shares(TermFrequencies.add(population, List.of(NAME)));

    Map<String, Double> shares = shares(TermFrequencies.add(few, population, List.of(NAME)));

    assertEquals(3, shares.size(), "one row per record");
    assertEquals(all.get("b"), shares.get("b"));
    assertEquals(all.get("d"), shares.get("d"));
    assertNull(shares.get("g"));
  }

  private static Map<String, Double> shares(Dataset<Row> records) {
    Map<String, Double> out = new TreeMap<>();
    for (Row r : records.collectAsList()) {
      out.put(r.getAs("record_id"), r.isNullAt(r.fieldIndex(NAME.tfColumn())) ? null
          : r.<Double>getAs(NAME.tfColumn()));
    }
    return out;
  }
}
