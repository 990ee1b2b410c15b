package io.aurum.standardize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;

/**
 * Parses a phone number as people write it into E.164 with libphonenumber. A number without a country
 * code is read in the record's region, else the default region. International prefixes written as
 * {@code 00} or {@code 0086.} are understood. Returns null for text that is not a phone number at all.
 */
public final class PhoneStandardizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** A parsed number: E.164, whether it is a valid number for its region, and mobile / fixed / other. */
  public record Phone(String e164, boolean valid, String type, String region) {}

  private PhoneStandardizer() {}

  public static Phone parse(String raw, String recordRegion, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String text = raw.strip();
    if (text.startsWith("00")) {
      text = "+" + text.substring(2);
    }
    String region = recordRegion != null && recordRegion.length() == 2 ? recordRegion.toUpperCase(Locale.ROOT)
        : defaultRegion;
    PhoneNumber number;
    try {
      number = UTIL.parse(text, region);
    } catch (NumberParseException e) {
      return null;
    }
    String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    boolean valid = UTIL.isValidNumber(number);
    String type = switch (UTIL.getNumberType(number)) {
      case MOBILE -> "mobile";
      case FIXED_LINE -> "fixed";
      case FIXED_LINE_OR_MOBILE -> "fixed_or_mobile";
      default -> "other";
    };
    return new Phone(e164, valid, valid ? type : null, UTIL.getRegionCodeForNumber(number));
  }
}
