package io.aurum.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.AurumConfig;
import io.aurum.lake.Lakehouse;
import io.aurum.lake.Tables;
import io.aurum.testing.IngestFixture;
import io.aurum.testing.SparkTest;
import io.aurum.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class IngestStageTest {
  private static final String CSV_RULE = """
      name = shop
      customers {
        format = csv
        path = "shop/people*.csv"
        schema = "id STRING, name STRING, email STRING"
        mapping { source_id = "id", full_name = "name", email = "lower(email)" }
      }
      """;

  @TempDir
  Path dir;
  IngestFixture fx;

  @BeforeEach
  void setUp() {
    fx = new IngestFixture(dir);
  }

  private static byte[] bytes(String... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String p : parts) {
      b.writeBytes(p.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  private static Map<Long, String> reasonsByLine(Lakehouse lake, String source) {
    return lake.read(Tables.REJECTED_ROWS).where("source = '" + source + "'").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<Long>getAs("row_number"), r -> r.<String>getAs("reason")));
  }

  @Test
  void malformedCsvLinesAreQuarantinedWithReasonsAndCountsReconcile() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(bytes("id,name,email\n", "1,Alice,A@X.COM\n", "2,\"Bob, Jr\",b@x.com\n",
        "3,\"Broken,c@x.com\n", "4,Too,many,cols\n", ",NoId,n@x.com\n"));
    file.writeBytes(new byte[] {'5', ',', 'C', 'a', 'f', (byte) 0xE9, ',', 'e', '@', 'x', '.', 'c', 'o', 'm', '\n'});
    file.writeBytes(bytes("\n", "6,Zed,z@x.com\n", "   ,Blank Id,b@x.com\n"));
    TestFiles.write(fx.landing("shop/people.csv"), file.toByteArray());
    AurumConfig config = fx.source("shop", CSV_RULE).config("shop");

    EntityIngestResult r = fx.ingest(config).entities().get(0);

    assertEquals(8, r.rowsRead(), "blank lines and the header are not records");
    assertEquals(3, r.rowsAccepted());
    assertEquals(5, r.rowsQuarantined());
    assertEquals(r.rowsRead(), r.rowsAccepted() + r.rowsQuarantined());
    assertEquals(Map.of("malformed", 2L, "missing_source_id", 2L, "undecodable", 1L), r.rejectReasons());

    Lakehouse lake = fx.lake(config);
    assertEquals(Map.of(4L, "malformed", 5L, "malformed", 6L, "missing_source_id", 7L, "undecodable",
        10L, "missing_source_id"), reasonsByLine(lake, "shop"), "physical line numbers, header = line 1");
    Row broken = lake.read(Tables.REJECTED_ROWS).where("row_number = 4").first();
    assertEquals("3,\"Broken,c@x.com", broken.getAs("raw"));
    assertEquals("broken quoting: a quoted value is not closed", broken.getAs("detail"));
    assertTrue(broken.<String>getAs("file").endsWith("landing/shop/people.csv"));

    List<Row> bronze = lake.read(Tables.bronze("shop_customers")).orderBy("_row_number").collectAsList();
    assertEquals(List.of("1", "2", "6"), bronze.stream().map(b -> b.<String>getAs("_source_id")).toList());
    Row bob = bronze.get(1);
    assertEquals("Bob, Jr", bob.getAs("name"));
    assertEquals("shop", bob.getAs("_source"));
    assertEquals(3L, (long) bob.<Long>getAs("_row_number"));
    assertEquals(64, bob.<String>getAs("_row_hash").length());
    assertNotNull(bob.getAs("_run_id"));
    assertNotNull(bob.getAs("_ingested_at"));
    assertEquals("A@X.COM", bronze.get(0).getAs("email"), "bronze keeps raw values; mapping is applied later");
  }

  @Test
  void gbkPipeSeparatedFileIsDecodedAndBadBytesQuarantined() {
    Charset gbk = Charset.forName("GBK");
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes("ACCOUNT_NO|NAME\nKH1|王小明\nKH2|欧阳娜娜\n".getBytes(gbk));
    file.writeBytes(new byte[] {'K', 'H', '3', '|', (byte) 0xFF, (byte) 0xFE, '\n'});
    TestFiles.write(fx.landing("erp/accounts.csv"), file.toByteArray());
    AurumConfig config = fx.source("erp", """
        name = erp
        customers {
          format = csv
          path = "erp/accounts.csv"
          options { delimiter = "|", encoding = GBK }
          schema = "ACCOUNT_NO STRING, NAME STRING"
          mapping { source_id = "ACCOUNT_NO", full_name = "NAME" }
        }
        """).config("erp");

    EntityIngestResult r = fx.ingest(config).entities().get(0);

    assertEquals(2, r.rowsAccepted());
    assertEquals(Map.of("undecodable", 1L), r.rejectReasons());
    assertEquals(List.of("王小明", "欧阳娜娜"), fx.lake(config).read(Tables.bronze("erp_customers"))
        .orderBy("_row_number").collectAsList().stream().map(x -> x.<String>getAs("NAME")).toList());
  }

  @Test
  void jsonLinesWithNestedFieldsAndBadRecords() {
    TestFiles.write(fx.landing("shop/users.jsonl"), bytes(
        "{\"user_id\": 11, \"name\": \"Xiaoming Wang\", \"address\": {\"city\": \"Shanghai\"}}\n",
        "{\"user_id\": 12, \"name\": \"Truncated\n",
        "{\"user_id\": \"twelve\", \"name\": \"Wrong Type\"}\n",
        "{\"name\": \"No Id\"}\n",
        "{\"user_id\": 13, \"name\": \"Robert Smith\", \"extra\": true}\n"));
    AurumConfig config = fx.source("shop", """
        name = shop
        customers {
          format = json
          path = "shop/users.jsonl"
          schema = "user_id BIGINT, name STRING, address STRUCT<city: STRING>"
          mapping { source_id = "cast(user_id AS STRING)", full_name = "name", city = "address.city" }
        }
        """).config("shop");

    EntityIngestResult r = fx.ingest(config).entities().get(0);

    assertEquals(5, r.rowsRead());
    assertEquals(Map.of("malformed", 2L, "missing_source_id", 1L), r.rejectReasons());
    Row wang = fx.lake(config).read(Tables.bronze("shop_customers")).where("user_id = 11").first();
    assertEquals("Shanghai", wang.<Row>getAs("address").getString(0));
  }

  @Test
  void parquetFilesKeepTheirRowIndexAsRowNumber() {
    Path parquet = fx.landing("warehouse/accounts");
    SparkTest.spark().sql("SELECT * FROM VALUES ('A1', 'Ann'), (NULL, 'Nobody'), ('A3', 'Cy') AS t(id, name)")
        .coalesce(1).write().parquet(parquet.toString());
    AurumConfig config = fx.source("dw", """
        name = dw
        customers {
          format = parquet
          path = "warehouse/accounts"
          schema = "id STRING, name STRING"
          mapping { source_id = "id", full_name = "name" }
        }
        """).config("dw");

    EntityIngestResult r = fx.ingest(config).entities().get(0);

    assertEquals(1, r.filesFound(), "the directory's _SUCCESS and .crc files are not data");
    assertEquals(2, r.rowsAccepted());
    Row rejected = fx.lake(config).read(Tables.REJECTED_ROWS).first();
    assertEquals("missing_source_id", rejected.getAs("reason"));
    assertEquals(2L, (long) rejected.<Long>getAs("row_number"));
    assertEquals("{\"name\":\"Nobody\"}", rejected.getAs("raw"));
  }

  @Test
  void fileWithAnotherHeaderIsQuarantinedWhole() {
    TestFiles.write(fx.landing("shop/people-1.csv"), "id,name,email\n1,Ann,a@x\n");
    TestFiles.write(fx.landing("shop/people-2.csv"), "id,email,name\n2,b@x,Bea\n3,c@x,Cy\n");
    AurumConfig config = fx.source("shop", CSV_RULE).config("shop");

    EntityIngestResult r = fx.ingest(config).entities().get(0);

    assertEquals(1, r.rowsAccepted());
    assertEquals(Map.of("header_mismatch", 2L), r.rejectReasons());
    String detail = fx.lake(config).read(Tables.REJECTED_ROWS).first().getAs("detail");
    assertEquals("header has columns [id, email, name] but the rule file declares [id, name, email]", detail);
  }

  @Test
  void lineNumbersStayExactWhenAFileIsSplitAcrossTasks() {
    StringBuilder csv = new StringBuilder("id,name,email\n");
    for (int i = 1; i <= 3000; i++) {
      csv.append(i).append(",Person ").append(i).append(",p").append(i).append("@x.com\n");
    }
    TestFiles.write(fx.landing("shop/people.csv"), csv.toString());
    AurumConfig config = fx.source("shop", CSV_RULE).config("shop");
    var hadoop = SparkTest.spark().sparkContext().hadoopConfiguration();
    hadoop.set("mapreduce.input.fileinputformat.split.maxsize", "8192");
    try {
      assertEquals(3000, fx.ingest(config).entities().get(0).rowsAccepted());
    } finally {
      hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
    }
    long wrong = fx.lake(config).read(Tables.bronze("shop_customers"))
        .where("_row_number != cast(id AS BIGINT) + 1").count();
    assertEquals(0, wrong, "every record's line number is its id + 1 (after the header)");
  }

  @Test
  void reingestingTheSameContentAddsNothingAndChangedContentIsIngested() throws Exception {
    TestFiles.write(fx.landing("shop/people.csv"), "id,name,email\n1,Ann,a@x\n,Nobody,n@x\n");
    AurumConfig config = fx.source("shop", CSV_RULE).config("shop");
    fx.ingest(config);

    EntityIngestResult again = fx.ingest(config).entities().get(0);
    Files.copy(fx.landing("shop/people.csv"), fx.landing("shop/people-copy.csv"));
    EntityIngestResult copy = fx.ingest(config).entities().get(0);

    assertEquals(0, again.rowsRead());
    assertEquals(1, again.filesSkipped());
    assertEquals(2, copy.filesFound());
    assertEquals(2, copy.filesSkipped(), "same content under another name is the same extract");
    Lakehouse lake = fx.lake(config);
    assertEquals(1, lake.read(Tables.bronze("shop_customers")).count());
    assertEquals(1, lake.read(Tables.REJECTED_ROWS).count());

    TestFiles.write(fx.landing("shop/people-2.csv"), "id,name,email\n2,Bea,b@x\n");
    EntityIngestResult changed = fx.ingest(config).entities().get(0);
    assertEquals(1, changed.rowsAccepted());
    assertEquals(2, lake.read(Tables.bronze("shop_customers")).count());
    assertEquals(2, lake.read(Tables.FILE_LEDGER).count(), "the identical copy is not a new extract");
  }

  @Test
  void aRunThatDiedBeforeRecordingItsFilesDoesNotDuplicateRows() {
    TestFiles.write(fx.landing("shop/people.csv"), "id,name,email\n1,Ann,a@x\n2,Bea,b@x\n,Nobody,n@x\n");
    AurumConfig config = fx.source("shop", CSV_RULE).config("shop");
    fx.ingest(config);
    Lakehouse lake = fx.lake(config);
    SparkTest.spark().sql("DELETE FROM delta.`" + lake.location(Tables.FILE_LEDGER) + "`");

    EntityIngestResult rerun = fx.ingest(config).entities().get(0);

    assertEquals(3, rerun.rowsRead(), "without a ledger entry the file is read again");
    assertEquals(2, lake.read(Tables.bronze("shop_customers")).count(), "but its rows replace the earlier ones");
    assertEquals(1, lake.read(Tables.REJECTED_ROWS).count());
  }

  @Test
  void runDateSelectsTheNightsExtract() {
    TestFiles.write(fx.landing("extracts/2026-11-21/people.csv"), "id,name,email\n1,Ann,a@x\n");
    TestFiles.write(fx.landing("extracts/2026-11-22/people.csv"), "id,name,email\n2,Bea,b@x\n3,Cy,c@x\n");
    fx.source("shop", CSV_RULE.replace("shop/people*.csv", "extracts/${run_date}/people.csv"));

    EntityIngestResult r = fx.ingest(fx.config(Map.of("aurum.run-date", "2026-11-22"), "shop")).entities().get(0);

    assertEquals(2, r.rowsAccepted());
  }

  @Test
  void tooManyQuarantinedRowsFailTheDataCheck() {
    TestFiles.write(fx.landing("shop/people.csv"), "id,name,email\n1,Ann,a@x\n,Nobody,n@x\n");
    fx.source("shop", CSV_RULE);
    IngestResult r = fx.ingest(fx.config(Map.of("aurum.ingest.max-quarantine-ratio", "0.4"), "shop"));
    assertEquals(List.of("shop.customers: 50.0% of rows quarantined (limit 40.0%)"), r.failedChecks());
  }
}
