package io.aurum.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aurum.match.block.BlockingReport;
import io.aurum.match.block.BlockingRule;
import io.aurum.match.block.CandidatePairs;
import io.aurum.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class BlockingReportTest {
  @Test
  void countsPairsPerRuleAndTheShareOfTruePairsBlockingFinds() {
    Dataset<Row> records = CandidatePairs.numbered(SparkTest.spark().createDataFrame(List.of(
        RowFactory.create("crm:1", "crm", "1", "555", "a@x.com"),
        RowFactory.create("erp:1", "erp", "1", "555", "a@x.com"),
        RowFactory.create("web:1", "web", "1", "555", "b@x.com"),   // same phone, another person
        RowFactory.create("web:2", "web", "2", "777", "c@x.com"),   // person 1 again, nothing shared
        RowFactory.create("web:3", "web", "3", "999", null)),
        StructType.fromDDL("record_id STRING, source STRING, source_id STRING, phone STRING, email STRING")));
    Dataset<Row> truth = SparkTest.spark().createDataFrame(List.of(
        RowFactory.create("crm", "1", "P1"), RowFactory.create("erp", "1", "P1"), RowFactory.create("web", "2", "P1"),
        RowFactory.create("web", "1", "P2"), RowFactory.create("web", "3", "P3"),
        RowFactory.create("gone", "9", "P3")), // not among the records: not a pair blocking could find
        StructType.fromDDL("source STRING, source_id STRING, entity_id STRING"));
    List<BlockingRule> rules = List.of(new BlockingRule("phone", List.of("phone"), List.of()),
        new BlockingRule("email", List.of("email"), List.of()));

    BlockingReport.Result r = BlockingReport.of(records, rules, null, 100, truth);

    assertEquals(5, r.records());
    assertEquals(3, r.candidatePairs());
    assertEquals(new BlockingReport.RuleFigures("phone", 3, 2, 1, 0, 0), r.rules().get(0));
    assertEquals(new BlockingReport.RuleFigures("email", 1, 0, 1, 0, 0), r.rules().get(1));
    assertEquals(3, r.truePairs());
    assertEquals(1, r.truePairsFound());
    assertEquals(1.0 / 3, r.recall(), 1e-12);

    BlockingReport.Result capped = BlockingReport.of(records, rules, null, 2, null);
    assertEquals(new BlockingReport.RuleFigures("phone", 0, 0, 0, 0, 1), capped.rules().get(0));
    assertEquals(-1, capped.truePairs());
  }
}
