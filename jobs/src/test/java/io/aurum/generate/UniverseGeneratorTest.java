package io.aurum.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.AurumConfig;
import io.aurum.config.ConfigLoader;
import io.aurum.ingest.EntityIngestResult;
import io.aurum.ingest.IngestResult;
import io.aurum.testing.IngestFixture;
import io.aurum.testing.SparkTest;
import io.aurum.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class UniverseGeneratorTest {
  private static final Path RULES = Path.of("..", "rules").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  private List<UniverseGenerator.Output> generate(Path out, long seed) {
    return new UniverseGenerator(SparkTest.spark(), new UniverseGenerator.Settings(400, seed, out.toString(),
        LocalDate.of(2023, 1, 1), LocalDate.of(2026, 11, 20), 0.01)).generate();
  }

  @Test
  void sameSeedSameFilesAndTruthCoversEveryRecord() throws Exception {
    Map<String, Long> records = generate(dir.resolve("a"), 42).stream()
        .collect(Collectors.toMap(o -> Path.of(o.path()).getFileName().toString(), UniverseGenerator.Output::records));
    generate(dir.resolve("b"), 42);

    for (String f : List.of("crm/customers.csv", "ecommerce/users.jsonl", "erp/accounts.csv", "erp/invoices.csv",
        "servicedesk/contacts.csv", "truth.csv", "purchase_model.json")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
    long sourceRecords = records.get("customers.csv") + records.get("users.jsonl") + records.get("accounts.csv")
        + records.get("contacts.csv");
    assertEquals(sourceRecords, records.get("truth.csv"));
    assertEquals(records.get("truth.csv") + 1, Files.readAllLines(dir.resolve("a/truth.csv")).size(), "plus header");
    assertTrue(Files.readString(dir.resolve("a/purchase_model.json")).contains("\"bg_nbd\""));
    assertTrue(Files.list(dir.resolve("a/crm")).noneMatch(p -> p.getFileName().toString().endsWith(".crc")));
  }

  @Test
  void bundledRulesIngestGeneratedDataQuarantiningOnlyTheDefects() {
    generate(dir.resolve("landing"), 9);
    Path overlay = TestFiles.write(dir.resolve("aurum.conf"), "aurum { lakehouse = lake, landing = landing, rules = \""
        + RULES + "\", sources = [crm, ecommerce, erp, servicedesk] }");
    AurumConfig config = ConfigLoader.load(new ConfigLoader.Request(null, List.of(overlay), Map.of(), Map.of()));

    IngestResult result = new IngestFixture(dir).ingest(config);

    for (EntityIngestResult e : result.entities()) {
      long expectedDefects = e.entity().equals("orders") ? 0 : 4;
      assertEquals(expectedDefects, e.rowsQuarantined(), e.label() + " " + e.rejectReasons());
    }
    long customersAccepted = result.entities().stream().filter(e -> e.entity().equals("customers"))
        .mapToLong(EntityIngestResult::rowsAccepted).sum();
    long truthRows = SparkTest.spark().read().option("header", "true").csv(dir.resolve("landing/truth.csv").toString()).count();
    assertEquals(truthRows, customersAccepted, "every true source record is accepted");
    assertTrue(result.failedChecks().isEmpty(), result.failedChecks().toString());
  }
}
