package io.aurum.standardize;

import static io.aurum.standardize.Transforms.emptyToNull;
import static io.aurum.standardize.Transforms.keysOfKind;
import static io.aurum.standardize.Transforms.nullString;
import static io.aurum.standardize.Transforms.simple;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.rtrim;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.ConfigReader;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Transforms of personal names: titles and suffixes removed, a full name split into given and family name
 * (Western order, "Family, Given", Chinese order with compound surnames, pinyin family-first), and Double
 * Metaphone codes. All but the phonetic codes are Spark SQL expressions.
 */
final class NameTransforms {
  static final List<String> DEFAULT_PARTICLES = List.of("van", "von", "der", "den", "de", "del", "della", "la",
      "le", "du", "da", "di", "dos", "das", "ter", "ten", "st");

  private NameTransforms() {}

  static void register(Map<String, Transforms.Factory> catalog) {
    catalog.put("remove-name-affixes", NameTransforms::removeAffixes);
    catalog.put("name-part", NameTransforms::namePart);
    catalog.put("double-metaphone", simple(TransformUdfs.DOUBLE_METAPHONE::apply));
  }

  /** Deletes leading titles and trailing suffixes listed in a lookup table of kind {@code title} / {@code suffix}. */
  private static Transform removeAffixes(ConfigReader p, Lookups lookups, List<String> placeholders) {
    Map<String, String> table = lookups.table(p.string("table", "name_affixes"), p);
    String titles = alternatives(keysOfKind(table, "title"));
    List<String> suffixes = keysOfKind(table, "suffix");
    String latinSuffixes = alternatives(suffixes.stream().filter(s -> s.matches("\\p{IsLatin}+")).toList());
    String otherSuffixes = alternatives(suffixes.stream().filter(s -> !s.matches("\\p{IsLatin}+")).toList());
    String pattern = "(?i)"
        + (titles.isEmpty() ? "" : "^(?:(?:" + titles + ")\\.?(?:\\s+|$))+")
        + (latinSuffixes.isEmpty() ? "" : (titles.isEmpty() ? "" : "|") + "(?:[\\s,]+(?:" + latinSuffixes + ")\\.?)+$")
        + (otherSuffixes.isEmpty() ? "" : "|(?:" + otherSuffixes + ")+$");
    List<String> titleWords = keysOfKind(table, "title");
    List<String> hanziSuffixes = suffixes.stream().filter(x -> !x.matches("\\p{IsLatin}+")).toList();
    return (v, f, r) -> {
      // The regex is costly where it must be tried at every position; most names have no affix at all.
      Column words = translate(v, ",", " ");
      Column mayHaveAffix = lower(rtrim(substring_index(words, " ", 1), ".")).isin(titleWords.toArray())
          .or(lower(rtrim(substring_index(words, " ", -1), ".")).isin(suffixes.toArray()));
      for (String hanzi : hanziSuffixes) {
        mayHaveAffix = mayHaveAffix.or(v.endsWith(hanzi));
      }
      return Step.of(emptyToNull(trim(when(mayHaveAffix, regexp_replace(v, pattern, "")).otherwise(v))));
    };
  }

  private static String alternatives(List<String> words) {
    return words.stream().map(Pattern::quote).collect(Collectors.joining("|"));
  }

  /**
   * Fills a missing given or family name from the record's full name: "Family, Given"; a name in Han
   * characters starts with its family name (two characters for a compound surname from the surname table);
   * a name whose first word is in capitals ("WANG Xiaoming"), or is a Chinese surname while its last word is
   * not, is family-first; otherwise the family name is the last word, or starts at a particle (van, de la).
   */
  private static Transform namePart(ConfigReader p, Lookups lookups, List<String> placeholders) {
    boolean family = "family".equals(p.oneOf("part", "given", List.of("given", "family")));
    String from = p.string("from", "full_name");
    Map<String, String> surnames = lookups.table(p.string("surnames", "chinese_surnames"), p);
    List<String> particles = p.stringList("particles", DEFAULT_PARTICLES);
    List<String> compound = surnames.keySet().stream().filter(s -> s.codePointCount(0, s.length()) == 2).toList();
    List<String> pinyin = surnames.values().stream().map(String::toLowerCase).distinct().toList();
    return (v, f, r) -> {
      Column name = r.get(from);
      if (name == null) {
        return Step.of(v);
      }
      // Values the rules below read many times, each computed once (see Step#withHelper).
      String words = "_" + f + "_words";
      String hanzi = "_" + f + "_hanzi";
      String familyStart = "_" + f + "_family_start";
      // Only where the part is missing (a split at a regex compiles it for every value); no words, no family start.
      Column missing = v.isNull();
      return Step.of(coalesce(v, part(trim(name), col(words), col(hanzi), col(familyStart), family, compound, pinyin)))
          .withHelper(words, when(missing, split(trim(name), "\\s+")))
          .withHelper(hanzi, when(missing, regexp_replace(name, "\\s+", "")))
          .withHelper(familyStart, familyStart(col(words), particles));
    };
  }

  /**
   * Where a Western name's family name starts (1-based word number): at the first particle after the first word
   * and before the last, else at the last word.
   */
  private static Column familyStart(Column words, List<String> particles) {
    Column count = size(words);
    Column inner = slice(split(lower(array_join(words, " ")), " "), lit(2), greatest(count.minus(2), lit(0)));
    // array_intersect keeps the order of its first array: its first element is the first particle in the name.
    Column particle = try_element_at(array_intersect(inner, array(particles.stream().map(functions::lit)
        .toArray(Column[]::new)).cast("array<string>")), lit(1));
    return coalesce(array_position(inner, particle).plus(1), count);
  }

  /**
   * The given ({@code family == false}) or family part of a full name; see {@link #namePart}.
   *
   * @param words       the name split at whitespace
   * @param hanzi       the name without whitespace
   * @param familyStart the word a Western family name starts at ({@link #familyStart})
   */
  static Column part(Column name, Column words, Column hanzi, Column familyStart, boolean family,
                     List<String> compoundHanzi, List<String> pinyinSurnames) {
    Column comma = name.contains(",");
    Column byComma = emptyToNull(trim(substring_index(name, ",", family ? 1 : -1)));

    Column isHan = hanzi.rlike("^\\p{IsHan}{2,}$");
    Column familyLength = when(hanzi.substr(lit(1), lit(2)).isin(compoundHanzi.toArray()), 2).otherwise(1);
    Column byHanzi = family ? hanzi.substr(lit(1), familyLength)
        : emptyToNull(hanzi.substr(familyLength.plus(1), lit(64)));

    Column count = size(words);
    Column first = element_at(words, 1);
    Column last = element_at(words, -1);
    Column capitalFirst = first.equalTo(upper(first)).and(first.notEqual(lower(first))).and(last.notEqual(upper(last)));
    Column surnameFirst = count.equalTo(2).and(lower(first).isin(pinyinSurnames.toArray()))
        .and(lower(last).isin(pinyinSurnames.toArray()).unary_$bang());
    Column familyFirst = count.gt(1).and(capitalFirst.or(surnameFirst));
    Column byEastern = family ? first : emptyToNull(array_join(slice(words, lit(2), count), " "));

    Column byWestern = family ? array_join(slice(words, familyStart, count.minus(familyStart).plus(1)), " ")
        : emptyToNull(array_join(slice(words, lit(1), familyStart.minus(1)), " "));

    return when(name.isNull().or(name.equalTo("")), nullString())
        .when(comma, byComma)
        .when(isHan, byHanzi)
        .when(familyFirst, byEastern)
        .otherwise(byWestern);
  }
}
