package io.aurum.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvDiagnosisTest {
  @Test
  void splitsOutsideQuotesAndUndoublesQuotes() {
    assertEquals(List.of("1", "Bob, Jr", "say \"hi\"", ""), CsvDiagnosis.split("1,\"Bob, Jr\",\"say \"\"hi\"\"\",", ',', '"'));
    assertEquals(List.of("a", "b|c"), CsvDiagnosis.split("a|\"b|c\"", '|', '"'));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      unclosed quote   | 3,"Broken,c@x.com       | broken quoting: a quoted value is not closed
      too many values  | 4,Too,many,cols         | wrong column count: 4 values, the schema declares 3
      too few values   | 5,Short                 | wrong column count: 2 values, the schema declares 3
      right shape      | 6,"Fine, really",x      | a value does not fit its declared type
      """)
  void explainsWhyALineIsMalformed(String description, String line, String expected) {
    assertEquals(expected, CsvDiagnosis.explain(line, ',', '"', 3));
  }
}
