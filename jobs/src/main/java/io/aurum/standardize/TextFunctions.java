package io.aurum.standardize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Unicode operations Spark SQL has no built-in for, as plain static functions (used through UDFs):
 * NFKC normalization (full-width to half-width, compatibility forms), accent stripping, romanization of
 * Han characters to toneless pinyin and Double Metaphone codes (Commons Codec). Null in, null out.
 */
public final class TextFunctions {
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern WORDS = Pattern.compile("[\\s-]+");
  private static final ThreadLocal<DoubleMetaphone> METAPHONE = ThreadLocal.withInitial(() -> {
    DoubleMetaphone encoder = new DoubleMetaphone();
    encoder.setMaxCodeLen(6);
    return encoder;
  });
  private static final Pattern TRAILING_DOT_OR_COMMA = Pattern.compile("[.,]$");
  private static final ThreadLocal<Transliterator> HAN_TO_PINYIN =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));
  /**
   * Names and street names repeat (a few thousand characters make most of them, a few thousand names most
   * people's); ICU transliteration and Double Metaphone are slow. One cache per thread, least recently used out.
   */
  private static final int CACHE_SIZE = 20_000;
  private static final ThreadLocal<Map<String, String>> PINYIN_CACHE = ThreadLocal.withInitial(TextFunctions::cache);
  private static final ThreadLocal<Map<String, String>> METAPHONE_CACHE =
      ThreadLocal.withInitial(TextFunctions::cache);

  private TextFunctions() {}

  /** NFKC: {@code "ＡＢＣ１２３"} becomes {@code "ABC123"}, the ideographic space a space. */
  public static String nfkc(String s) {
    return s == null || isAscii(s) ? s : NFKC.normalize(s);
  }

  /** Removes combining marks after canonical decomposition: {@code "Núñez"} becomes {@code "Nunez"}. */
  public static String stripAccents(String s) {
    return s == null || isAscii(s) ? s : MARKS.matcher(NFD.normalize(s)).replaceAll("");
  }

  /**
   * Toneless lower-case pinyin, syllables separated by spaces: {@code "王小明"} becomes {@code "wang xiao ming"}.
   * ICU's rules never read or write across an ASCII digit (they look at Han characters, letters, marks,
   * spaces and punctuation), so the text between digits is transliterated on its own and cached: a Chinese
   * address such as {@code "解放路448号907室"} is three cached pieces around two numbers, not a new string.
   */
  public static String pinyin(String s) {
    if (s == null) {
      return null;
    }
    if (isAscii(s)) {
      return collapseSpaces(s.toLowerCase(Locale.ROOT).strip());
    }
    Map<String, String> cache = PINYIN_CACHE.get();
    StringBuilder out = new StringBuilder(s.length() * 4);
    int piece = 0;
    int i = 0;
    while (i < s.length()) {
      int digits = i;
      while (digits < s.length() && isAsciiDigit(s.charAt(digits))) {
        digits++;
      }
      // A digit run is left as it is, unless a combining mark follows it (Latin-ASCII removes marks after a digit).
      if (digits > i && (digits == s.length()
          || Character.getType(s.codePointAt(digits)) != Character.NON_SPACING_MARK)) {
        appendPinyin(out, s.substring(piece, i), cache);
        out.append(s, i, digits);
        piece = digits;
      }
      i = Math.max(digits, i + 1);
    }
    appendPinyin(out, s.substring(piece), cache);
    return collapseSpaces(out.toString().strip());
  }

  /** Each run of whitespace ({@code \s+}: space, tab, line breaks, form feed) as one space. */
  static String collapseSpaces(String s) {
    int i = 0;
    while (i < s.length() && !changesAt(s, i)) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    // Copy up to the first change, then one space for each run.
    StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
    while (i < s.length()) {
      if (isSpace(s.charAt(i))) {
        out.append(' ');
        while (i < s.length() && isSpace(s.charAt(i))) {
          i++;
        }
      } else {
        out.append(s.charAt(i++));
      }
    }
    return out.toString();
  }

  /** Whether {@link #collapseSpaces} changes {@code s} at {@code i}: whitespace other than a space, or two in a row. */
  private static boolean changesAt(String s, int i) {
    char c = s.charAt(i);
    return isSpace(c) && (c != ' ' || (i + 1 < s.length() && isSpace(s.charAt(i + 1))));
  }

  /** Java's {@code \s} without the UNICODE_CHARACTER_CLASS flag. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static Map<String, String> cache() {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > CACHE_SIZE;
      }
    };
  }

  private static void appendPinyin(StringBuilder out, String piece, Map<String, String> cache) {
    if (!piece.isEmpty()) {
      out.append(cache.computeIfAbsent(piece, k -> HAN_TO_PINYIN.get().transliterate(k)));
    }
  }

  /**
   * Each word (split at single spaces) replaced by its entry in {@code table}, whose keys are lower case; a word is
   * looked up lower-cased and without a trailing dot or comma, and kept as it is when absent: {@code "12 Main
   * Street."} with {@code street -> St} becomes {@code "12 Main St"}. The same as Spark's {@code split},
   * {@code regexp_replace}, {@code lower} and {@code element_at} word by word, without Spark's map lookup, which
   * scans the keys, and without a higher-order function, which Spark runs without generated code.
   */
  public static String lookupWords(String s, Map<String, String> table) {
    if (s == null) {
      return null;
    }
    String[] words = s.split(" ", -1);
    for (int i = 0; i < words.length; i++) {
      String found = table.get(lowerCase(TRAILING_DOT_OR_COMMA.matcher(words[i]).replaceAll("")));
      if (found != null) {
        words[i] = found;
      }
    }
    return String.join(" ", words);
  }

  /** Lower case as Spark's {@code lower} gives it: ASCII letter by letter, other text by ICU's case mapping. */
  private static String lowerCase(String s) {
    return isAscii(s) ? s.toLowerCase(Locale.ROOT) : UCharacter.toLowerCase(s);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** ASCII text is left unchanged by NFKC and has no accents or Han characters: the common case, kept cheap. */
  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * The primary Double Metaphone code of each word, space-separated: {@code "Stephen Smith"} becomes
   * {@code "STFN SM0"}, and {@code "Steven Smyth"} the same. Words without letters are dropped.
   */
  public static String doubleMetaphone(String s) {
    if (s == null) {
      return null;
    }
    String codes = METAPHONE_CACHE.get().computeIfAbsent(s, TextFunctions::encodeWords);
    return codes.isEmpty() ? null : codes;
  }

  private static String encodeWords(String s) {
    DoubleMetaphone encoder = METAPHONE.get();
    return Arrays.stream(WORDS.split(s.strip())).map(encoder::doubleMetaphone)
        .filter(c -> c != null && !c.isEmpty()).collect(Collectors.joining(" "));
  }
}
