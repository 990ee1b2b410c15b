package io.aurum.generate;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Builds the true customer with a given id from the generation seed alone, so every executor derives the
 * same person. Ids come in blocks of three: some blocks are households (one family name and address, a
 * shared home), and some households hold twins (same birth date too). A share of Latin and Chinese
 * customers outside households carry the commonest full names (John Smith, 王伟), so that name alone never
 * proves identity.
 */
final class PersonFactory implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  static final double HOUSEHOLD_SHARE = 0.12;
  static final double TWIN_SHARE = 0.25;
  static final double CHINESE_SHARE = 0.4;
  static final double COMMON_NAME_SHARE = 0.01;
  static final double MOVED_SHARE = 0.15;

  private final long seed;
  private final LocalDate firstDay;
  private final LocalDate lastDay;

  PersonFactory(long seed, LocalDate firstDay, LocalDate lastDay) {
    this.seed = seed;
    this.firstDay = firstDay;
    this.lastDay = lastDay;
  }

  Person person(long id) {
    long block = id / 3;
    boolean household = Rng.uniform(seed, block * 11 + 1) < HOUSEHOLD_SHARE;
    boolean twins = household && Rng.uniform(seed, block * 11 + 2) < TWIN_SHARE && id % 3 < 2;
    Rng rng = new Rng(seed, id, 1);
    Rng home = household ? new Rng(seed, block, 2) : rng;

    boolean chinese = home.chance(CHINESE_SHARE);
    String gender = rng.chance(0.5) ? "M" : "F";
    String given;
    String family;
    String givenHanzi = null;
    String familyHanzi = null;
    List<String> nicknames = List.of();
    if (chinese) {
      Vocabulary.ChineseSurname surname = Vocabulary.CHINESE_FAMILY.get(home.weighted(Vocabulary.CHINESE_FAMILY_WEIGHTS));
      familyHanzi = surname.hanzi();
      family = surname.pinyin();
      if (!household && rng.chance(COMMON_NAME_SHARE)) {
        familyHanzi = "王";
        family = "Wang";
        givenHanzi = "伟";
        given = "Wei";
      } else {
        String[] first = rng.pick(Vocabulary.CHINESE_GIVEN);
        givenHanzi = first[0];
        StringBuilder pinyin = new StringBuilder(first[1]);
        if (rng.chance(0.7)) {
          String[] second = rng.pick(Vocabulary.CHINESE_GIVEN);
          givenHanzi += second[0];
          pinyin.append(second[1]);
        }
        given = Character.toUpperCase(pinyin.charAt(0)) + pinyin.substring(1);
      }
    } else {
      family = Vocabulary.LATIN_FAMILY[home.weighted(Vocabulary.LATIN_FAMILY_WEIGHTS)];
      Vocabulary.GivenName name;
      if (!household && rng.chance(COMMON_NAME_SHARE)) {
        family = "Smith";
        name = Vocabulary.LATIN_GIVEN.stream().filter(g -> g.name().equals("John")).findFirst().orElseThrow();
      } else {
        do {
          name = rng.pick(Vocabulary.LATIN_GIVEN);
        } while (!name.gender().equals(gender) && rng.chance(0.9));
      }
      given = name.name();
      gender = name.gender();
      nicknames = name.nicknames();
    }

    LocalDate birthDate = twins
        ? LocalDate.of(1950, 1, 1).plusDays(new Rng(seed, block, 3).between(0, 365 * 55))
        : household && id % 3 == 2
            ? LocalDate.of(1995, 1, 1).plusDays(rng.between(0, 365 * 12))
            : LocalDate.of(1945, 1, 1).plusDays(rng.between(0, 365 * 60));

    Vocabulary.City city = home.pick(cityChoices(chinese, home));
    Person.Address address = address(home, city, chinese);
    Person.Address previous = null;
    LocalDate since = firstDay.plusDays(rng.between(0, (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) - 60));
    LocalDate movedOn = null;
    if (!household && rng.chance(MOVED_SHARE)) {
      previous = address(rng, rng.chance(0.7) ? city : rng.pick(cityChoices(chinese, rng)), chinese);
      movedOn = since.plusDays(rng.between(30, (int) (lastDay.toEpochDay() - since.toEpochDay())));
    }

    String emailLocal = emailLocal(rng, given, family, birthDate, chinese);
    String emailDomain = rng.pick(chinese ? Vocabulary.CHINESE_DOMAINS : Vocabulary.LATIN_DOMAINS);
    String phone = mobile(rng, city.country());
    String nationalId = nationalId(rng, city, birthDate, gender);

    int systems = 0;
    if (rng.chance(0.55)) {
      systems |= Person.CRM;
    }
    if (rng.chance(0.6)) {
      systems |= Person.ECOMMERCE;
    }
    if (rng.chance(0.4)) {
      systems |= Person.ERP;
    }
    if (rng.chance(0.35)) {
      systems |= Person.SERVICEDESK;
    }
    if (systems == 0) {
      systems = Person.ECOMMERCE;
    }
    boolean second = (systems & Person.ECOMMERCE) != 0 && rng.chance(0.03);
    return new Person(id, chinese, given, family, givenHanzi, familyHanzi, nicknames, gender, birthDate,
        emailLocal, emailDomain, city.country(), phone, address, previous, movedOn, nationalId, since, systems, second);
  }

  private static List<Vocabulary.City> cityChoices(boolean chinese, Rng rng) {
    String country = chinese ? (rng.chance(0.85) ? "CN" : rng.chance(0.5) ? "US" : "GB") : (rng.chance(0.6) ? "US" : "GB");
    return Vocabulary.CITIES.stream().filter(c -> c.country().equals(country)).toList();
  }

  private static Person.Address address(Rng rng, Vocabulary.City city, boolean chinese) {
    boolean cn = city.country().equals("CN");
    Vocabulary.Street street = cn ? rng.pick(Vocabulary.CHINESE_STREETS) : rng.pick(Vocabulary.LATIN_STREETS);
    String[] type = cn ? new String[] {"", ""} : rng.pick(Vocabulary.STREET_TYPES);
    String number = String.valueOf(rng.between(1, cn ? 999 : 2400));
    String unit = rng.chance(0.25) ? (cn ? rng.between(1, 30) + "0" + rng.between(1, 8) : "Apt " + rng.between(1, 40)
        + (char) ('A' + rng.between(0, 5))) : null;
    return new Person.Address(number, street, type, unit, city, postcode(rng, city));
  }

  private static final String[] CN_MOBILE_PREFIXES = {
      "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
      "166", "177", "180", "182", "186", "187", "188", "189", "199"};

  private static String postcode(Rng rng, Vocabulary.City city) {
    return switch (city.country()) {
      case "US" -> city.postcodePrefix() + rng.digits(2);
      case "GB" -> city.postcodePrefix() + rng.between(1, 20) + " " + rng.between(1, 9)
          + (char) ('A' + rng.between(0, 25)) + (char) ('A' + rng.between(0, 25));
      default -> city.postcodePrefix() + rng.digits(3);
    };
  }

  /** A national mobile number in a range that is allocated in its country (so it is a valid number). */
  static String mobile(Rng rng, String country) {
    return switch (country) {
      case "CN" -> rng.pick(CN_MOBILE_PREFIXES) + rng.digits(8);
      case "GB" -> "7" + rng.pick(new String[] {"400", "500", "800", "900"}) + rng.digits(6);
      default -> rng.pick(new String[] {"212", "213", "312", "713", "206", "617", "415", "646"}) + "555" + rng.digits(4);
    };
  }

  private static String emailLocal(Rng rng, String given, String family, LocalDate birth, boolean chinese) {
    String g = ascii(given);
    String f = ascii(family);
    // A mailbox belongs to one person: a provider gives the second James White jameswhite482, so every form
    // carries enough digits that two people of the same name rarely share an address.
    return switch (rng.between(0, chinese ? 4 : 3)) {
      case 0 -> g + "." + f + rng.digits(3);
      case 1 -> g.charAt(0) + f + rng.digits(4);
      case 2 -> g + f + birth.getYear() % 100 + rng.digits(2);
      case 3 -> f + "." + g + rng.digits(3);
      default -> rng.digits(9);
    };
  }

  static String ascii(String s) {
    return Normalizer.normalize(s.replace("ø", "o").replace("Ø", "O"), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
  }

  /** A national id: Chinese 18-digit resident id with its ISO 7064 check digit, US SSN, or UK NI number. */
  private static String nationalId(Rng rng, Vocabulary.City city, LocalDate birth, String gender) {
    switch (city.country()) {
      case "CN": {
        String body = city.postcodePrefix() + rng.digits(3) + birth.toString().replace("-", "") + rng.digits(2)
            + (gender.equals("M") ? rng.pick(new String[] {"1", "3", "5", "7", "9"}) : rng.pick(new String[] {"0", "2", "4", "6", "8"}));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
          sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
      }
      case "US":
        return rng.between(100, 665) + "-" + rng.between(10, 99) + "-" + rng.between(1000, 9999);
      default:
        return "" + (char) ('A' + rng.between(0, 20)) + (char) ('A' + rng.between(0, 20)) + rng.digits(6)
            + (char) ('A' + rng.between(0, 3));
    }
  }
}
