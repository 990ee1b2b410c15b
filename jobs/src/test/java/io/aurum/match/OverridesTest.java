package io.aurum.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.ConfigProblems;
import io.aurum.config.InvalidConfigurationException;
import io.aurum.match.cluster.Overrides;
import io.aurum.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {
  @TempDir
  Path rules;

  @Test
  void pairsAreReadInOrderWithTheirReasonAndAbsentFilesMeanNone() {
    TestFiles.write(rules.resolve("overrides/must_link.csv"), """
        left,right,reason
        # a comment
        erp:E-2,crm:C-1,"same person, confirmed by phone (ticket 4411)"
        """);
    ConfigProblems problems = new ConfigProblems();
    Overrides o = Overrides.load(rules, problems);
    problems.throwIfAny();
    assertEquals(List.of(new Overrides.Pair("crm:C-1", "erp:E-2", "same person, confirmed by phone (ticket 4411)",
        rules.resolve("overrides/must_link.csv") + ":3")), o.mustLink());
    assertEquals(List.of(), o.cannotLink());
  }

  @Test
  void badLinesAndContradictionsAreStartUpProblemsNamingFileAndLine() {
    Path must = TestFiles.write(rules.resolve("overrides/must_link.csv"), """
        left,right,reason
        crm:C-1,erp:E-2,same
        crm:C-1,crm:C-1,self
        C-1,erp:E-2,no source
        crm:C-9,erp:E-9
        """);
    Path cannot = TestFiles.write(rules.resolve("overrides/cannot_link.csv"), """
        left,right,reason
        erp:E-2,crm:C-1,twins
        """);
    ConfigProblems problems = new ConfigProblems();
    Overrides.load(rules, problems);
    String message = assertThrows(InvalidConfigurationException.class, problems::throwIfAny).getMessage();
    assertTrue(message.contains(must + ":3: must_link.csv: a record cannot be paired with itself: crm:C-1"), message);
    assertTrue(message.contains(must + ":4: must_link.csv: records are named SOURCE:SOURCE_ID"), message);
    assertTrue(message.contains(must + ":5: expected left,right,reason, got 2 values"), message);
    assertTrue(message.contains(cannot + ":2: cannot_link: crm:C-1 and erp:E-2 are also a must-link pair at " + must
        + ":2"), message);
  }
}
