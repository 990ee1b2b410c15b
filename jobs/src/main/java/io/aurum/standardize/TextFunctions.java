package io.aurum.standardize;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.regex.Pattern;

/**
 * Unicode operations Spark SQL has no built-in for, as plain static functions (used through UDFs):
 * NFKC normalization (full-width to half-width, compatibility forms), accent stripping and romanization of
 * Han characters to toneless pinyin. Null in, null out.
 */
public final class TextFunctions {
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final ThreadLocal<Transliterator> HAN_TO_PINYIN =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));

  private TextFunctions() {}

  /** NFKC: {@code "ＡＢＣ１２３"} becomes {@code "ABC123"}, the ideographic space a space. */
  public static String nfkc(String s) {
    return s == null ? null : NFKC.normalize(s);
  }

  /** Removes combining marks after canonical decomposition: {@code "Núñez"} becomes {@code "Nunez"}. */
  public static String stripAccents(String s) {
    return s == null ? null : MARKS.matcher(NFD.normalize(s)).replaceAll("");
  }

  /** Toneless lower-case pinyin, syllables separated by spaces: {@code "王小明"} becomes {@code "wang xiao ming"}. */
  public static String pinyin(String s) {
    return s == null ? null : HAN_TO_PINYIN.get().transliterate(s).trim().replaceAll("\\s+", " ");
  }
}
