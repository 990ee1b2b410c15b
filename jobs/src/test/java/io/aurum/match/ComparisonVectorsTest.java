package io.aurum.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aurum.match.compare.Comparison;
import io.aurum.match.compare.ComparisonVectors;
import io.aurum.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ComparisonVectorsTest {
  @Test
  void aPairMeetsAnAsymmetricLevelInIdOrderWhicheverNumberComesFirst() {
    // Numbers run against the ids: record b:1 has the smaller number.
    Dataset<Row> records = SparkTest.spark().createDataFrame(List.of(
        RowFactory.create(7L, "a:1", "wang", "xiaoming"),
        RowFactory.create(3L, "b:1", "xiaoming", "wang")),
        StructType.fromDDL("record_number BIGINT, record_id STRING, given_key STRING, family_key STRING"));
    Comparison swapped = new Comparison("swapped", List.of(
        new Comparison.Level("left given is right family", "given_key_l = family_key_r AND given_key_l = 'wang'")),
        List.of(), null);
    Dataset<Row> pairs = SparkTest.spark().createDataFrame(List.of(RowFactory.create(3L, 7L)),
        StructType.fromDDL("record_number_l BIGINT, record_number_r BIGINT"));

    Row vector = ComparisonVectors.compare(pairs, records, List.of(swapped)).first();

    assertEquals("a:1", vector.getAs("record_id_l"));
    assertEquals("b:1", vector.getAs("record_id_r"));
    assertEquals(7L, (long) vector.getAs("record_number_l"), "the numbers move with their records");
    assertEquals(3L, (long) vector.getAs("record_number_r"));
    assertEquals("wang", vector.getAs("given_key_l"));
    assertEquals("wang", vector.getAs("family_key_r"));
    assertEquals(0, (int) vector.getAs(swapped.gammaColumn()), "the level reads a:1 as the left record");
  }
}
