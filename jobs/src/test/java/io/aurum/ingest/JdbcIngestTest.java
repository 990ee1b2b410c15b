package io.aurum.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.AurumConfig;
import io.aurum.lake.Tables;
import io.aurum.testing.IngestFixture;
import io.aurum.testing.PostgresTestServer;
import io.aurum.testing.SparkTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The jdbc format against a real PostgreSQL server started by the test, with password authentication. */
@ExtendWith(SparkTest.class)
class JdbcIngestTest {
  private static final String PASSWORD = "aurum-test-secret";
  private static PostgresTestServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresTestServer.start(PASSWORD);
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE crm_customer (id BIGINT PRIMARY KEY, cust_no TEXT, name TEXT, updated TIMESTAMP)");
      s.execute("INSERT INTO crm_customer SELECT g, CASE WHEN g = 7 THEN NULL ELSE 'C' || g END, 'Customer ' || g, "
          + "TIMESTAMP '2026-11-01 10:00' + g * INTERVAL '1 hour' FROM generate_series(1, 40) g");
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private AurumConfig config(String source) {
    return new IngestFixture(dir).source(source, """
        name = %s
        customers {
          format = jdbc
          jdbc {
            url = "%s"
            table = crm_customer
            user = postgres
            password-env = AURUM_TEST_PG_PASSWORD
            partition-column = id
            lower-bound = 1
            upper-bound = 40
            num-partitions = 3
          }
          schema = "id BIGINT, cust_no STRING, name STRING, updated TIMESTAMP"
          mapping { source_id = "cust_no", full_name = "name", updated_at = "updated" }
        }
        """.formatted(source, server.jdbcUrl())).config(source);
  }

  @Test
  void readsATableInParallelPartitionsAndQuarantinesRowsWithoutId() {
    IngestFixture fx = new IngestFixture(dir);
    AurumConfig config = config("crmdb");
    Map<String, String> env = Map.of("AURUM_TEST_PG_PASSWORD", PASSWORD);

    EntityIngestResult r = fx.ingest(config, env).entities().get(0);

    assertEquals(40, r.rowsRead());
    assertEquals(39, r.rowsAccepted());
    assertEquals(Map.of("missing_source_id", 1L), r.rejectReasons());
    List<Row> bronze = fx.lake(config).read(Tables.bronze("crmdb_customers")).orderBy("id").collectAsList();
    Row first = bronze.get(0);
    assertEquals("C1", first.getAs("_source_id"));
    String lineage = first.getAs("_file");
    assertEquals(server.jdbcUrl() + "#crm_customer", lineage);
    assertFalse(lineage.contains(PASSWORD));
    assertTrue(fx.lake(config).read(Tables.REJECTED_ROWS).first().<String>getAs("raw").contains("\"id\":7"));
  }

  @Test
  void anUnchangedTableIsNotIngestedTwiceAndAChangedOneIs() throws Exception {
    IngestFixture fx = new IngestFixture(dir);
    AurumConfig config = config("crmdb2");
    Map<String, String> env = Map.of("AURUM_TEST_PG_PASSWORD", PASSWORD);
    fx.ingest(config, env);

    EntityIngestResult unchanged = fx.ingest(config, env).entities().get(0);
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("UPDATE crm_customer SET name = 'Renamed' WHERE id = 3");
      EntityIngestResult changed = fx.ingest(config, env).entities().get(0);
      assertEquals(40, changed.rowsRead(), "a snapshot source is read whole when it changed");
    } finally {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        s.execute("UPDATE crm_customer SET name = 'Customer 3' WHERE id = 3");
      }
    }
    assertEquals(1, unchanged.filesSkipped());
    assertEquals(0, unchanged.rowsRead());
  }
}
