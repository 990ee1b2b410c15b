package io.aurum.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.AurumConfig;
import io.aurum.config.ConfigProblem;
import io.aurum.config.InvalidConfigurationException;
import io.aurum.testing.IngestFixture;
import io.aurum.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Mapping expressions are checked against the declared schema before any data is read. */
@ExtendWith(SparkTest.class)
class IngestPreflightTest {
  @TempDir
  Path dir;

  private List<ConfigProblem> problems(String mapping, Map<String, String> env) {
    IngestFixture fx = new IngestFixture(dir).source("shop", """
        name = shop
        customers {
          format = csv
          path = "no-such-directory/*.csv"
          schema = "id STRING, first STRING, last STRING, updated STRING"
          mapping {
        %s
          }
        }
        """.formatted(mapping));
    AurumConfig config = fx.config("shop");
    return assertThrows(InvalidConfigurationException.class, () -> IngestPreflight.check(SparkTest.spark(), config, env))
        .problems();
  }

  @Test
  void missingColumnNamesFileLineAndKey() {
    List<ConfigProblem> p = problems("source_id = \"id\"\nfull_name = \"concat_ws(' ', frist, last)\"", Map.of());
    assertEquals(1, p.size(), p.toString());
    assertEquals("customers.mapping.full_name", p.get(0).key());
    assertTrue(p.get(0).location().endsWith("shop.conf:8"), p.get(0).location());
    assertTrue(p.get(0).message().contains("frist"), p.get(0).message());
  }

  @Test
  void syntaxErrorsAndUnknownFunctionsAreAllReported() {
    List<ConfigProblem> p = problems("source_id = \"id\"\ngiven_name = \"upper(first\"\n"
        + "family_name = \"uppper(last)\"\nupdated_at = \"to_timestamp(updated, 'yyyy')\"", Map.of());
    assertEquals(List.of("customers.mapping.given_name", "customers.mapping.family_name"),
        p.stream().map(ConfigProblem::key).toList(), p.toString());
    assertTrue(p.get(1).message().contains("uppper"), p.get(1).message());
  }

  @Test
  void jdbcPasswordVariableMustBeSet() {
    IngestFixture fx = new IngestFixture(dir).source("db", """
        name = db
        customers {
          format = jdbc
          jdbc { url = "jdbc:postgresql://127.0.0.1:1/x", table = customers, user = u, password-env = DB_SECRET }
          schema = "id BIGINT"
          mapping { source_id = "cast(id AS STRING)" }
        }
        """);
    AurumConfig config = fx.config("db");
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> IngestPreflight.check(SparkTest.spark(), config, Map.of()));
    assertTrue(e.getMessage().contains("customers.jdbc.password-env: environment variable DB_SECRET is not set"),
        e.getMessage());
    IngestPreflight.check(SparkTest.spark(), config, Map.of("DB_SECRET", "s3cret"));
  }
}
