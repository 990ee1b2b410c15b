package io.aurum.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.TestFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private AurumConfig load(List<Path> overlays, Map<String, String> env, Map<String, String> flags) {
    return ConfigLoader.load(new ConfigLoader.Request(dir.resolve("conf/application.conf"), overlays, env, flags));
  }

  private Path app(String text) {
    return TestFiles.write(dir.resolve("conf/application.conf"), text);
  }

  @Test
  void builtInDefaultsApplyWithoutAnyFile() {
    AurumConfig c = load(List.of(), Map.of(), Map.of());
    assertEquals(0.05, c.ingest().maxQuarantineRatio());
    assertEquals(Path.of("lakehouse").toAbsolutePath().toString(), c.lakehouse());
    assertEquals("false", c.spark().conf().get("spark.sql.ansi.enabled"));
    assertTrue(c.sources().isEmpty());
  }

  @Test
  void eachLayerOverridesTheOneBelow() {
    app("aurum.lakehouse = app-lake\naurum.landing = app-landing\naurum.rules = app-rules\n"
        + "aurum.spark.app-name = from-app\n");
    Path overlay = TestFiles.write(dir.resolve("o/overlay.conf"), "aurum { lakehouse = overlay-lake, landing = overlay-landing }");
    Map<String, String> env = Map.of("AURUM_LAKEHOUSE", "/env/lake", "AURUM_RUN_DATE", "2026-01-02");
    AurumConfig c = load(List.of(overlay), env, Map.of("aurum.run-date", "2026-03-04"));

    assertEquals("/env/lake", c.lakehouse(), "environment beats overlay");
    assertEquals(dir.resolve("o/overlay-landing").toString(), c.landing(), "overlay beats application.conf, "
        + "relative to the overlay's directory");
    assertEquals(dir.resolve("conf/app-rules").toString(), c.rulesDir(), "application.conf beats defaults");
    assertEquals("from-app", c.spark().appName());
    assertEquals(LocalDate.of(2026, 3, 4), c.runDate(), "flags beat environment");
  }

  @Test
  void laterOverlaysWin() {
    Path a = TestFiles.write(dir.resolve("a.conf"), "aurum.ingest.max-quarantine-ratio = 0.2");
    Path b = TestFiles.write(dir.resolve("b.conf"), "aurum.ingest.max-quarantine-ratio = 0.3");
    assertEquals(0.3, load(List.of(a, b), Map.of(), Map.of()).ingest().maxQuarantineRatio());
    assertEquals(0.2, load(List.of(b, a), Map.of(), Map.of()).ingest().maxQuarantineRatio());
  }

  @Test
  void unknownKeyIsReportedWithFileLineAndAllowedKeys() {
    app("aurum {\n  ingest {\n    max-quarantine-ration = 0.1\n  }\n}\n");
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> load(List.of(), Map.of(), Map.of()));
    assertEquals(1, e.problems().size(), e.getMessage());
    ConfigProblem p = e.problems().get(0);
    assertEquals("aurum.ingest.max-quarantine-ration", p.key());
    assertTrue(p.location().endsWith("application.conf:3"), p.location());
    assertTrue(p.message().contains("unknown key") && p.message().contains("max-quarantine-ratio"), p.message());
  }

  @Test
  void wrongTypesAndBadValuesAreAllReportedAtOnce() {
    app("aurum.ingest.max-quarantine-ratio = lots\naurum.run-date = yesterday\naurum.sources = crm\n"
        + "aurum.spark.conf = [1, 2]\n");
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> load(List.of(), Map.of(), Map.of()));
    String m = e.getMessage();
    assertEquals(4, e.problems().size(), m);
    assertTrue(m.contains("aurum.ingest.max-quarantine-ratio: expected a number, got \"lots\""), m);
    assertTrue(m.contains("aurum.run-date: expected today or a date"), m);
    assertTrue(m.contains("aurum.sources: expected a list"), m);
    assertTrue(m.contains("aurum.spark.conf: expected an object"), m);
  }

  @Test
  void ratioOutOfRangeIsRejected() {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> load(List.of(), Map.of(), Map.of("aurum.ingest.max-quarantine-ratio", "1.5")));
    assertTrue(e.getMessage().contains("command-line flags: aurum.ingest.max-quarantine-ratio: expected a number "
        + "from 0.0 to 1.0, got 1.5"), e.getMessage());
  }

  @Test
  void missingOverlayAndMissingSourceRuleFileAreReported() {
    app("aurum { rules = rules, sources = [crm, \"elsewhere/shop.conf\"] }");
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> load(List.of(dir.resolve("nope.conf")), Map.of(), Map.of()));
    assertEquals(1, e.problems().size(), "the missing overlay stops loading before sources are read");
    assertTrue(e.getMessage().contains("nope.conf: --conf: configuration file not found"), e.getMessage());

    e = assertThrows(InvalidConfigurationException.class, () -> load(List.of(), Map.of(), Map.of()));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("source \"crm\": rule file not found: " + dir.resolve("conf/rules/sources/crm.conf")),
        e.getMessage());
    assertTrue(e.getMessage().contains("rule file not found: " + dir.resolve("conf/elsewhere/shop.conf")), e.getMessage());
  }

  private void shopRule(String nameField) {
    TestFiles.write(dir.resolve("rules/sources/shop.conf"), """
        name = shop
        customers {
          format = csv
          path = "shop/*.csv"
          schema = "id STRING, name STRING"
          mapping { source_id = "id", %s = "name" }
        }
        """.formatted(nameField));
  }

  @Test
  void sourcesAreLoadedAndFingerprinted() {
    shopRule("full_name");
    app("aurum { rules = ../rules, sources = [shop] }");
    AurumConfig c = load(List.of(), Map.of(), Map.of());
    assertEquals(1, c.entities().size());
    assertEquals("shop_customers", c.entities().get(0).tableName());
    assertEquals(64, c.fingerprint().length());
    assertEquals(c.fingerprint(), load(List.of(), Map.of(), Map.of("aurum.run-date", "2020-01-01")).fingerprint(),
        "the run date does not change the fingerprint");
    shopRule("given_name");
    assertTrue(!c.fingerprint().equals(load(List.of(), Map.of(), Map.of()).fingerprint()),
        "a rule file change changes the fingerprint");
  }
}
