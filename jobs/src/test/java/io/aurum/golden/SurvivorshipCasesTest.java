package io.aurum.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.CaseFile;
import io.aurum.testing.SparkTest;
import io.aurum.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs every case of {@code golden/survivorship.csv}: the value and provenance survivorship chooses. */
@ExtendWith(SparkTest.class)
class SurvivorshipCasesTest {
  private static final StructType RECORDS = StructType.fromDDL("golden_id STRING, source STRING, source_id STRING, "
      + "updated_at TIMESTAMP, _ingested_at TIMESTAMP, dq_issues ARRAY<STRING>, email STRING, street STRING, "
      + "city STRING");

  @TempDir
  Path dir;

  @TestFactory
  Stream<DynamicTest> everyCase() {
    List<DynamicTest> tests = CaseFile.tests("/golden/survivorship.csv", 6, c -> {
      Path rulesDir = Files.createTempDirectory(dir, "case");
      TestFiles.write(rulesDir.resolve("survivorship.conf"), c[1]);
      SurvivorshipRules rules = SurvivorshipRules.load(rulesDir);
      List<Row> records = Arrays.stream(c[2].split(" / ")).map(SurvivorshipCasesTest::record).toList();
      Row golden = Survivorship.golden(SparkTest.spark().createDataFrame(records, RECORDS), rules).first();
      assertEquals(c[4], value(golden, rules, c[3]));
      String attribute = c[3].replace("_all", "");
      String provenance = golden.<Row>getList(golden.fieldIndex("provenance")).stream()
          .filter(p -> p.getString(0).equals(attribute)).map(p -> p.getString(1) + ":" + p.getString(2))
          .findFirst().orElse("");
      assertEquals(c[5], provenance);
      assertEquals(records.size(), golden.getLong(golden.fieldIndex("record_count")));
    });
    assertTrue(tests.size() >= 15, tests.size() + " cases");
    return tests.stream();
  }

  private static String value(Row golden, SurvivorshipRules rules, String attribute) {
    if (attribute.endsWith("_all")) {
      return golden.<Row>getList(golden.fieldIndex(attribute)).stream()
          .map(v -> v.getString(0) + " " + v.getList(1)).collect(Collectors.joining("; "));
    }
    List<String> fields = rules.attributes().stream().filter(a -> a.name().equals(attribute)).findFirst()
        .orElseThrow().fields();
    return fields.stream().map(f -> golden.isNullAt(golden.fieldIndex(f)) ? "" : golden.getString(golden.fieldIndex(f)))
        .collect(Collectors.joining(", "));
  }

  private static Row record(String text) {
    Map<String, String> v = new HashMap<>();
    for (String pair : text.strip().split(";")) {
      String[] kv = pair.split("=", 2);
      v.put(kv[0], kv[1]);
    }
    return RowFactory.create("G1", v.get("source"), v.get("source_id"), timestamp(v.get("updated_at")),
        timestamp(v.getOrDefault("ingested_at", "2026-01-01 00:00:00")),
        v.containsKey("dq") ? List.of(v.get("dq").split(",")) : List.of(), v.get("email"), v.get("street"),
        v.get("city"));
  }

  private static Timestamp timestamp(String text) {
    return text == null ? null : Timestamp.valueOf(text);
  }
}
