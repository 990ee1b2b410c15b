package io.aurum.standardize;

import static io.aurum.standardize.Transforms.nullInvalid;
import static io.aurum.standardize.Transforms.nullString;
import static io.aurum.standardize.Transforms.simple;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.aurum.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Transforms of email addresses and phone numbers. */
final class ContactTransforms {
  static final List<String> DOTLESS_DOMAINS = List.of("gmail.com", "googlemail.com");
  static final List<String> PLUS_TAG_DOMAINS = List.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
      "live.com", "icloud.com", "me.com", "yahoo.com", "fastmail.com", "protonmail.com", "qq.com");

  private ContactTransforms() {}

  static void register(Map<String, Transforms.Factory> catalog) {
    catalog.put("email", ContactTransforms::email);
    catalog.put("email-canonical", ContactTransforms::emailCanonical);
    catalog.put("phone-e164", ContactTransforms::phone);
    catalog.put("phone-national", simple(TransformUdfs.PHONE_NATIONAL::apply));
  }

  /** Lower-cases and trims an address and checks its syntax; an invalid one is kept or nulled. */
  private static Transform email(ConfigReader p, Lookups lookups, List<String> placeholders) {
    boolean nullInvalid = nullInvalid(p, "keep");
    return (v, f, r) -> {
      Column e = lower(trim(v));
      Column bad = e.isNotNull().and(e.rlike(EmailSyntax.PATTERN).unary_$bang());
      return Step.of(nullInvalid ? when(bad, nullString()).otherwise(e) : e, new Step.Issue(f + ".syntax", bad));
    };
  }

  /**
   * The address as its mailbox provider reads it: domain aliases resolved (googlemail.com is gmail.com),
   * {@code +tags} dropped and, for providers that ignore them, dots in the local part removed.
   */
  private static Transform emailCanonical(ConfigReader p, Lookups lookups, List<String> placeholders) {
    List<String> dotless = p.stringList("ignore-dots", DOTLESS_DOMAINS);
    List<String> plusTags = p.stringList("ignore-plus-tags", PLUS_TAG_DOMAINS);
    Map<String, String> aliases = p.child("domain-aliases").map(ConfigReader::asStringMap)
        .orElse(Map.of("googlemail.com", "gmail.com"));
    List<Column> entries = new ArrayList<>();
    aliases.forEach((k, val) -> {
      entries.add(lit(k.toLowerCase(Locale.ROOT)));
      entries.add(lit(val.toLowerCase(Locale.ROOT)));
    });
    Column aliasMap = entries.isEmpty() ? functions.map().cast("map<string,string>")
        : functions.map(entries.toArray(Column[]::new));
    return (v, f, r) -> {
      String address = "_" + f + "_address";
      String domainName = "_" + f + "_domain";
      Column e = col(address);
      Column domain = col(domainName);
      Column local = substring_index(e, "@", 1);
      local = when(domain.isin(plusTags.toArray()), regexp_replace(local, "\\+.*$", "")).otherwise(local);
      local = when(domain.isin(dotless.toArray()), regexp_replace(local, "\\.", "")).otherwise(local);
      return Step.of(when(e.rlike("^[^@]+@[^@]+$"), concat(local, lit("@"), domain)).otherwise(e))
          .withHelper(address, lower(trim(v)))
          .withHelper(domainName,
              coalesce(element_at(aliasMap, substring_index(e, "@", -1)), substring_index(e, "@", -1)));
    };
  }

  /**
   * E.164 with libphonenumber; the region of numbers without a country code is the record's
   * {@code region-field} (a standardized ISO country) or {@code default-region}. Adds
   * {@code <field>_type} (mobile, fixed, fixed_or_mobile, other) and the issue {@code <field>.invalid}.
   */
  private static Transform phone(ConfigReader p, Lookups lookups, List<String> placeholders) {
    String defaultRegion = p.string("default-region", "US").toUpperCase(Locale.ROOT);
    String regionField = p.string("region-field", "country");
    if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
      p.problem("default-region", "\"" + defaultRegion
          + "\" is not a region libphonenumber knows (use ISO 3166 alpha-2, e.g. US, CN, GB)");
    }
    boolean nullInvalid = nullInvalid(p, "keep");
    return (v, f, r) -> {
      Column region = r.getOrDefault(regionField, nullString());
      String parsedName = "_" + f + "_parsed";
      Column parsed = col(parsedName);
      Column invalid = v.isNotNull().and(parsed.isNull().or(parsed.getField("valid").unary_$bang()));
      Column value = nullInvalid ? when(invalid, nullString()).otherwise(parsed.getField("e164"))
          : coalesce(parsed.getField("e164"), v);
      return new Step(value, List.of(new Step.Issue(f + ".invalid", invalid)),
          Map.of(f + "_type", parsed.getField("type")))
          .withHelper(parsedName, TransformUdfs.PHONE.apply(v, region, lit(defaultRegion)));
    };
  }
}
