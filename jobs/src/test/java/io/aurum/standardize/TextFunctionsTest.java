package io.aurum.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.ibm.icu.text.Transliterator;
import java.util.Random;
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
      "李 Lee,li lee", "Zoë Núñez,zoe nunez", "解放路448号907室,jie fang lu448hao907shi", "长安1号,zhang an1hao",
      "88号A座,88hao a zuo", "重庆路12号,chong qing lu12hao"})
  void pinyinIsTonelessLowerCase(String in, String out) {
    assertEquals(out, TextFunctions.pinyin(in));
  }

  /** Non-ASCII text is transliterated (and cached) in pieces between ASCII digits: that must not change any result. */
  @Test
  void pinyinEqualsIcuOnTheWholeText() {
    Transliterator icu = Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower");
    String alphabet = "王小明欧阳重庆长安行乐路号室座街0123456789 AaZzéü\u0301\u0308,.-()（）ー１２Σσ";
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = 1 + random.nextInt(12); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = text.toString();
      if (s.chars().anyMatch(c -> c >= 0x80)) {
        assertEquals(icu.transliterate(s).strip().replaceAll("\\s+", " "), TextFunctions.pinyin(s), s);
      }
    }
  }

  /** The hand-written collapse of whitespace runs equals the regex it replaces on random text. */
  @Test
  void collapseSpacesEqualsTheRegex() {
    String alphabet = " \t\n\u000B\f\r\u00A0\u3000ab";
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(8); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = text.toString();
      assertEquals(s.replaceAll("\\s+", " "), TextFunctions.collapseSpaces(s), s);
    }
  }

  /** Codes come from a per-thread cache once a value has been seen: asked twice, the same code. */
  @ParameterizedTest
  @CsvSource({"Stephen Smith,STFN SM0", "Steven Smyth,STFN SM0", "Wang-Xiaoming,ANK SMNK", "Núñez,NNS",
      "O'Brien,APRN", "'  Thomas ',TMS", "1234,", "Schmidt Müller,XMT MLR"})
  void doubleMetaphoneOfEachWord(String name, String codes) {
    assertEquals(codes, TextFunctions.doubleMetaphone(name), name);
    assertEquals(codes, TextFunctions.doubleMetaphone(name), name + ", again");
  }

  @Test
  void nullStaysNull() {
    assertNull(TextFunctions.nfkc(null));
    assertNull(TextFunctions.stripAccents(null));
    assertNull(TextFunctions.pinyin(null));
    assertNull(TextFunctions.doubleMetaphone(null));
  }
}
