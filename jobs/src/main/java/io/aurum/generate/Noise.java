package io.aurum.generate;

import java.util.Locale;

/**
 * The ways real source systems garble a value: typing errors, full-width characters, phone number and
 * email spellings. Each is a small pure function of its input and the record's {@link Rng}.
 */
final class Noise {
  private static final String KEYBOARD_NEIGHBOURS = "qwertyuiopasdfghjklzxcvbnm";

  private Noise() {}

  /** One typing error: a substituted, dropped, doubled or transposed letter. */
  static String typo(Rng rng, String s) {
    if (s == null || s.length() < 4) {
      return s;
    }
    int i = rng.between(1, s.length() - 2);
    return switch (rng.between(0, 3)) {
      case 0 -> s.substring(0, i) + KEYBOARD_NEIGHBOURS.charAt(rng.between(0, 25)) + s.substring(i + 1);
      case 1 -> s.substring(0, i) + s.substring(i + 1);
      case 2 -> s.substring(0, i) + s.charAt(i) + s.substring(i);
      default -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
    };
  }

  static String maybeTypo(Rng rng, String s, double p) {
    return rng.chance(p) ? typo(rng, s) : s;
  }

  /** ASCII to full-width forms (U+FF01..U+FF5E), as East Asian input methods produce. */
  static String fullWidth(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c == ' ' ? '\u3000' : c);
    }
    return b.toString();
  }

  /** A phone number in one of the spellings people and systems use for its country. */
  static String phone(Rng rng, String country, String national) {
    switch (country) {
      case "CN": {
        String spaced = national.substring(0, 3) + " " + national.substring(3, 7) + " " + national.substring(7);
        return switch (rng.between(0, 5)) {
          case 0 -> "+86 " + spaced;
          case 1 -> national;
          case 2 -> "0086" + national;
          case 3 -> "+86-" + spaced.replace(' ', '-');
          case 4 -> "86 " + national;
          default -> "0086." + national.substring(0, 3) + "." + national.substring(3);
        };
      }
      case "GB": {
        String spaced = national.substring(0, 4) + " " + national.substring(4);
        return switch (rng.between(0, 3)) {
          case 0 -> "+44 " + spaced;
          case 1 -> "0" + spaced;
          case 2 -> "0" + national;
          default -> "0044 " + spaced;
        };
      }
      default: {
        String area = national.substring(0, 3);
        String rest = national.substring(3, 6) + "-" + national.substring(6);
        return switch (rng.between(0, 4)) {
          case 0 -> "(" + area + ") " + rest;
          case 1 -> area + "-" + rest;
          case 2 -> "+1 " + area + " " + rest.replace('-', ' ');
          case 3 -> national;
          default -> "1-" + area + "-" + rest;
        };
      }
    }
  }

  /** An email address as typed into a system: case changes, gmail dots and +tags. */
  static String email(Rng rng, String local, String domain) {
    String l = local;
    if (domain.equals("gmail.com") && rng.chance(0.15)) {
      l = rng.chance(0.5) ? l.replace(".", "") : l + "+shop";
    }
    String e = l + "@" + domain;
    if (rng.chance(0.1)) {
      e = e.toUpperCase(Locale.ROOT);
    } else if (rng.chance(0.1)) {
      e = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    }
    return rng.chance(0.03) ? " " + e + " " : e;
  }

  /** The nickname a person goes by, if any, else the given name. */
  static String nickname(Rng rng, Person p) {
    return p.nicknames().isEmpty() ? p.given() : rng.pick(p.nicknames());
  }
}
