package io.aurum.match.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.match.block.CandidatePairs;
import io.aurum.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The u sample is the same set of record pairs however the records are numbered, partitioned and ordered. */
@ExtendWith(SparkTest.class)
class RandomPairsTest {
  private static final int RECORDS = 6000;
  // About 400 of the 6,000 records drawn, all in one bucket: about 80,000 pairs.
  private static final Training.Settings SETTINGS = new Training.Settings(200_000, 10, 1e-4, 42);

  @Test
  void theSampleDependsOnTheIdsAndTheSeedAlone() {
    List<Row> ascending = new ArrayList<>();
    List<Row> descending = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      ascending.add(RowFactory.create((long) i, "crm:" + i));
      descending.add(RowFactory.create((long) (3 * RECORDS - i), "crm:" + (RECORDS - 1 - i)));
    }
    Row one = signature(records(ascending).repartition(1));

    assertTrue(one.getLong(0) > 60_000 && one.getLong(0) < 100_000, "about 80,000 pairs: " + one.getLong(0));
    assertEquals(one, signature(records(descending).repartition(5)));
    assertEquals(one, signature(records(ascending).repartition(3)));
  }

  private static Dataset<Row> records(List<Row> rows) {
    return SparkTest.spark().createDataFrame(rows, StructType.fromDDL("record_number BIGINT, record_id STRING"));
  }

  /** The number of sampled pairs and the sum of a hash of each pair's two record ids in order. */
  private static Row signature(Dataset<Row> records) {
    Column l = col("record_id_l");
    Column r = col("record_id_r");
    return CandidatePairs.withIds(Training.randomPairs(records, RECORDS, SETTINGS), records)
        .agg(count(lit(1)), sum(xxhash64(least(l, r), greatest(l, r))))
        .first();
  }
}
