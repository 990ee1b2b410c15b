package io.aurum.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TextFunctionsTest {
  @ParameterizedTest
  @CsvSource({"ＡＢＣ１２３,ABC123", "'ＷＡＮＧ　Ｘｉａｏ',WANG Xiao", "'＋８６ １３８',+86 138", "ﬁ,fi", "王小明,王小明"})
  void nfkcFoldsFullWidthAndCompatibilityForms(String in, String out) {
    assertEquals(out, TextFunctions.nfkc(in));
  }

  @ParameterizedTest
  @CsvSource({"Núñez,Nunez", "Zoë,Zoe", "Schröder,Schroder", "Lefèvre,Lefevre", "François,Francois", "Smith,Smith"})
  void stripAccents(String in, String out) {
    assertEquals(out, TextFunctions.stripAccents(in));
  }

  @ParameterizedTest
  @CsvSource({"王小明,wang xiao ming", "欧阳娜娜,ou yang na na", "诸葛亮,zhu ge liang", "陈超,chen chao",
      "上海市 南京路 100号,shang hai shi nan jing lu 100hao", "'  Müller   Straße 7 ',muller strasse 7",
      "李 Lee,li lee", "Zoë Núñez,zoe nunez"})
  void pinyinIsTonelessLowerCase(String in, String out) {
    assertEquals(out, TextFunctions.pinyin(in));
  }

  @Test
  void nullStaysNull() {
    assertNull(TextFunctions.nfkc(null));
    assertNull(TextFunctions.stripAccents(null));
    assertNull(TextFunctions.pinyin(null));
  }
}
