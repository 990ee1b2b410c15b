package io.aurum.match;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aurum.match.block.BlockingRule;
import io.aurum.match.block.CandidatePairs;
import io.aurum.match.block.MinHashRule;
import io.aurum.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class CandidatePairsTest {
  private static final StructType RECORDS = StructType.fromDDL("record_id STRING, phone STRING, email STRING");

  @Test
  void aHugeBlockIsReportedNotExpandedAndOtherRulesStillPair() {
    List<Row> rows = new ArrayList<>();
    // 3,000 records share a placeholder phone: 4.5 million pairs if expanded.
    for (int i = 0; i < 3000; i++) {
      rows.add(RowFactory.create(String.format("crm:%05d", i), "0000000000", i < 2 ? "same@x.com" : null));
    }
    rows.add(RowFactory.create("erp:1", "5551234", null));
    rows.add(RowFactory.create("erp:2", "5551234", "same@x.com"));
    Dataset<Row> records = CandidatePairs.numbered(SparkTest.spark().createDataFrame(rows, RECORDS)).localCheckpoint();
    CandidatePairs.Result result = CandidatePairs.generate(records, List.of(
        new BlockingRule("phone", List.of("phone"), List.of()),
        new BlockingRule("email", List.of("email"), List.of())), null, 100);
    List<String> pairs = described(result.pairs(), records);
    assertEquals(List.of(
        "crm:00000 crm:00001 [email]", "crm:00000 erp:2 [email]", "crm:00001 erp:2 [email]",
        "erp:1 erp:2 [phone]"), pairs);
    List<Row> oversized = result.oversizedBlocks().collectAsList();
    assertEquals(1, oversized.size());
    assertEquals("phone", oversized.get(0).getString(0));
    assertEquals("0000000000", oversized.get(0).getString(1));
    assertEquals(3000L, oversized.get(0).getLong(2));
  }

  @Test
  void aPairFoundByTwoRulesIsOnePairRememberingBoth() {
    Dataset<Row> records = CandidatePairs.numbered(SparkTest.spark().createDataFrame(List.of(
        RowFactory.create("a:1", "555", "x@y.com"), RowFactory.create("b:1", "555", "x@y.com"),
        RowFactory.create("c:1", "", "")), RECORDS));
    List<Row> pairs = CandidatePairs.generate(records, List.of(
        new BlockingRule("phone", List.of("phone"), List.of()),
        new BlockingRule("email", List.of("email"), List.of())), null, 100).pairs().collectAsList();
    assertEquals(1, pairs.size());
    assertEquals(List.of("email", "phone"), pairs.get(0).getList(2));
  }

  @Test
  void minHashFindsPairsWithATypoInEveryKeyAndKeepsOnlyCloseOnes() {
    StructType schema = StructType.fromDDL("record_id STRING, name_key STRING, street_key STRING");
    Dataset<Row> records = CandidatePairs.numbered(SparkTest.spark().createDataFrame(List.of(
        RowFactory.create("crm:1", "jonathan smithers", "12 baker street"),
        RowFactory.create("erp:1", "jonathon smithers", "12 baker streett"),
        RowFactory.create("web:1", "margaret oduya", "4 elm road"),
        RowFactory.create("web:2", null, null)), schema)).localCheckpoint();
    MinHashRule rule = new MinHashRule("minhash", List.of("name_key", "street_key"), 3, 10, 4, 0.5, 100, 42);
    CandidatePairs.Result result = CandidatePairs.generate(records,
        List.of(new BlockingRule("name", List.of("name_key"), List.of())), rule, 100);
    assertEquals(List.of("crm:1 erp:1 [minhash]"), described(result.pairs(), records));

    MinHashRule strict = new MinHashRule("minhash", List.of("name_key", "street_key"), 3, 10, 4, 0.05, 100, 42);
    assertEquals(0, CandidatePairs.generate(records,
        List.of(new BlockingRule("name", List.of("name_key"), List.of())), strict, 100).pairs().count(),
        "a pair sharing a band but farther apart than max-distance is dropped");
  }

  @Test
  void touchingFindsExactlyThePairsOfAllPairsThatHoldAChangedRecord() {
    StructType schema = StructType.fromDDL("record_id STRING, phone STRING, email STRING, name_key STRING");
    Dataset<Row> records = CandidatePairs.numbered(SparkTest.spark().createDataFrame(List.of(
        RowFactory.create("a:1", "555", "ann@x.com", "ann lee"), RowFactory.create("a:2", "555", null, "ann lee"),
        RowFactory.create("a:3", "777", "ann@x.com", "anne lee"), RowFactory.create("a:4", "777", "bo@x.com", "bo wu"),
        RowFactory.create("a:5", "999", "bo@x.com", "bo wu"), RowFactory.create("a:6", "999", "cy@x.com", "cy ng"),
        RowFactory.create("a:7", "000", "cy@x.com", "cy ng"), RowFactory.create("a:8", "000", "", "cy ng")),
        schema)).localCheckpoint();
    // Band keys stored by an earlier night, when a:2 was called "cy ng" and a:9 (gone since) too, and by a later one
    // (every record as it is now): had the stale or repeated rows been counted, the bands of "cy ng" would hold more
    // than the MinHash cap of 3 records, and not be expanded.
    Dataset<Row> earlier = CandidatePairs.numbered(SparkTest.spark().createDataFrame(List.of(
        RowFactory.create("a:2", "555", null, "cy ng"), RowFactory.create("a:6", "999", "cy@x.com", "cy ng"),
        RowFactory.create("a:7", "000", "cy@x.com", "cy ng"), RowFactory.create("a:8", "000", "", "cy ng"),
        RowFactory.create("a:9", "000", "", "cy ng")), schema)).localCheckpoint();
    List<BlockingRule> rules = List.of(new BlockingRule("phone", List.of("phone"), List.of(), 0),
        new BlockingRule("email", List.of("email"), List.of(), 0),
        new BlockingRule("name_phone", List.of("name_key", "phone"), List.of(), 0),
        new BlockingRule("name", List.of("name_key"), List.of(), 2));
    MinHashRule minHash = new MinHashRule("minhash", List.of("name_key"), 2, 10, 2, 0.6, 3, 42);
    Dataset<Row> stored = CandidatePairs.generate(earlier, rules, minHash, 100).bandKeys()
        .unionByName(CandidatePairs.generate(records, rules, minHash, 100).bandKeys());
    Dataset<Row> changed = records.where("record_id IN ('a:3', 'a:6')");
    // Name "cy ng" is a block of three: above the name rule's cap of 2, it is reported, not expanded, by both paths.
    CandidatePairs.Result all = CandidatePairs.generate(records, rules, minHash, 100);
    CandidatePairs.Result touching = CandidatePairs.touching(records, changed, stored, rules, minHash, 100);
    List<String> expected = described(all.pairs(), records).stream()
        .filter(p -> p.contains("a:3 ") || p.contains("a:6 ")).toList();
    assertEquals(List.of("a:1 a:3 [email, minhash]", "a:2 a:3 [minhash]", "a:3 a:4 [phone]",
        "a:5 a:6 [phone]", "a:6 a:7 [email, minhash]", "a:6 a:8 [minhash]"), expected);
    assertEquals(expected, described(touching.pairs(), records));
    assertEquals(List.of("[name,cy ng,3]"), touching.oversizedBlocks().collectAsList().stream().map(Row::toString)
        .toList());
    assertEquals(all.oversizedBlocks().collectAsList(), touching.oversizedBlocks().collectAsList());
    // Only the changed records are hashed; their rows are what the night stores.
    assertEquals(List.of("a:3", "a:6"), touching.bandKeys().orderBy("record_id").collectAsList().stream()
        .map(r -> r.<String>getAs("record_id")).toList());
  }

  /** "smaller-id greater-id [rules]" per pair, sorted (a pair's numbers need not follow its ids). */
  private static List<String> described(Dataset<Row> pairs, Dataset<Row> records) {
    return CandidatePairs.withIds(pairs, records)
        .select(least(col("record_id_l"), col("record_id_r")).as("_a"),
            greatest(col("record_id_l"), col("record_id_r")).as("_b"), col("blocked_by"))
        .orderBy("_a", "_b").collectAsList().stream()
        .map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getList(2))
        .toList();
  }
}
