package io.aurum.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every spelling of a number the source systems use comes out as the same E.164 number; numbers in
 * reserved ranges (UK 07700 900xxx is kept for drama) parse but are not valid.
 */
class PhoneStandardizerTest {
  @ParameterizedTest(name = "{0} ({1}) -> {2}")
  @CsvSource(nullValues = "null", textBlock = """
      +86 138 1234 5678,   null, +8613812345678, true,  mobile
      13812345678,         CN,   +8613812345678, true,  mobile
      0086 13812345678,    null, +8613812345678, true,  mobile
      0086.138.12345678,   null, +8613812345678, true,  mobile
      +86-138-1234-5678,   US,   +8613812345678, true,  mobile
      86 13812345678,      CN,   +8613812345678, true,  mobile
      +44 7911 123456,     null, +447911123456,  true,  mobile
      07911 123456,        GB,   +447911123456,  true,  mobile
      0044 7911 123456,    null, +447911123456,  true,  mobile
      +44 7700 900123,     null, +447700900123,  false, null
      (212) 555-0123,      US,   +12125550123,   true,  fixed_or_mobile
      +1 206 543 2100,     null, +12065432100,   true,  fixed_or_mobile
      206-543-2100,        null, +12065432100,   true,  fixed_or_mobile
      001-206-543-2100,    null, +12065432100,   true,  fixed_or_mobile
      """)
  void parsesEverySpelling(String raw, String region, String e164, boolean valid, String type) {
    PhoneStandardizer.Phone p = PhoneStandardizer.parse(raw.strip(), region, "US");
    assertEquals(e164, p.e164());
    assertEquals(valid, p.valid());
    assertEquals(type, p.type());
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {"null", "'   '", "call me", "N/A", "0000000000"})
  void notANumber(String raw) {
    assertNull(PhoneStandardizer.parse(raw, null, "US"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "null", value = {"+8613812345678,13812345678", "+447400123456,7400123456",
      "+12125550123,2125550123", "+390612345678,0612345678", "+35226123456,26123456", "+9991234567,null",
      "13812345678,null", "+44 7400 123456,null", "null,null"})
  void nationalNumberFollowsTheCountryCode(String e164, String national) {
    assertEquals(national, PhoneStandardizer.nationalNumber(e164));
  }
}
