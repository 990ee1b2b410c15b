package io.aurum.standardize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a phone number as people write it into E.164 with libphonenumber. A number without a country
 * code is read in the record's region, else the default region. International prefixes written as
 * {@code 00} or {@code 0086.} are understood. Returns null for text that is not a phone number at all.
 */
public final class PhoneStandardizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{3,14}");
  private static final String UNKNOWN_REGION = "ZZ";

  /** A parsed number: E.164, whether it is a valid number for its region, and (when valid) mobile / fixed / other. */
  public record Phone(String e164, boolean valid, String type) {}

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
    // A number is valid exactly when its type is known: isValidNumber would match the same patterns again.
    String type = switch (UTIL.getNumberType(number)) {
      case UNKNOWN -> null;
      case MOBILE -> "mobile";
      case FIXED_LINE -> "fixed";
      case FIXED_LINE_OR_MOBILE -> "fixed_or_mobile";
      default -> "other";
    };
    return new Phone(e164, type != null, type);
  }

  /** The national significant number of an E.164 number ({@code +8613812345678} gives {@code 13812345678}). */
  public static String nationalNumber(String e164) {
    if (e164 == null || !E164.matcher(e164).matches()) {
      return null;
    }
    // Country calling codes are prefix-free: the first known prefix of one to three digits is the code.
    for (int length = 1; length <= 3; length++) {
      if (!UNKNOWN_REGION.equals(UTIL.getRegionCodeForCountryCode(Integer.parseInt(e164.substring(1, 1 + length))))) {
        return e164.substring(1 + length);
      }
    }
    return null;
  }
}
