package io.aurum.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * How each source system records a person: its own columns, id scheme, name order, phone and date
 * formats, and its own kinds of dirt (typos, nicknames, swapped names, hanzi or pinyin, full-width
 * characters, missing values, placeholders, an old address before a move). Each record also yields a
 * ground-truth row (source, source_id, customer_id).
 */
final class SystemRecords implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  static final String PLACEHOLDER_PHONE = "0000000000";
  static final String PLACEHOLDER_EMAIL = "noemail@example.com";

  static final StructType CRM = strings("cust_id", "salutation", "first_name", "last_name", "dob", "gender",
      "email", "phone", "address_line1", "city", "state", "zip", "country", "national_id", "created_at", "updated_at");
  static final StructType SHIPPING = strings("line1", "city", "province", "postal_code", "country_code");
  static final StructType ECOMMERCE = new StructType()
      .add("user_id", DataTypes.LongType).add("name", DataTypes.StringType).add("email", DataTypes.StringType)
      .add("mobile", DataTypes.StringType).add("birthday", DataTypes.StringType).add("gender", DataTypes.StringType)
      .add("shipping_address", SHIPPING).add("registered_at", DataTypes.StringType)
      .add("updated_at", DataTypes.StringType);
  static final StructType ERP = strings("ACCOUNT_NO", "ACCOUNT_NAME", "CONTACT_PHONE", "EMAIL_ADDR", "ADDRESS",
      "CITY", "PROVINCE", "POST_CODE", "COUNTRY_CODE", "BIRTH_DT", "ID_CARD_NO", "LAST_MODIFIED");
  static final StructType SERVICEDESK = strings("contact_id", "full_name", "email", "phone", "city", "country",
      "created", "updated_at", "tickets_opened", "preferred_channel");
  static final StructType TRUTH = strings("source", "source_id", "customer_id");

  private static final DateTimeFormatter CRM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter CRM_DOB = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter ERP_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
  private static final DateTimeFormatter ERP_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter DESK_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  private static final Map<String, String[]> COUNTRY_NAMES = Map.of(
      "US", new String[] {"United States", "USA", "US"},
      "GB", new String[] {"United Kingdom", "UK", "Great Britain"},
      "CN", new String[] {"China", "中国", "PRC"});

  private final long seed;
  private final LocalDate lastDay;

  SystemRecords(long seed, LocalDate lastDay) {
    this.seed = seed;
    this.lastDay = lastDay;
  }

  static String crmId(long id) {
    return String.format("CRM%09d", scramble(id, 48271L, 11));
  }

  static long ecommerceId(long id, int account) {
    return 10_000_000_000L * (account + 1) + scramble(id, 69621L, 7);
  }

  static String erpId(long id) {
    return String.format("KH%09d", scramble(id, 16807L, 3));
  }

  static String servicedeskId(long id) {
    return String.format("SD-%09d", scramble(id, 40692L * 3 + 1, 5));
  }

  /** A bijection on [0, 10^9): distinct ids stay distinct but look unrelated. */
  private static long scramble(long id, long multiplier, long add) {
    return Math.floorMod(id * multiplier + add, 1_000_000_000L);
  }

  List<Row> crm(Person p) {
    if (!p.in(Person.CRM)) {
      return List.of();
    }
    Rng rng = new Rng(seed, p.id(), 11);
    LocalDateTime updated = when(rng, p);
    Person.Address a = p.addressOn(updated.toLocalDate());
    boolean hanzi = p.chinese() && rng.chance(0.8);
    String first = hanzi ? p.givenHanzi() : Noise.maybeTypo(rng, p.given(), 0.04);
    String last = hanzi ? p.familyHanzi() : Noise.maybeTypo(rng, p.family(), 0.04);
    String title = rng.chance(0.3) ? rng.pick(Vocabulary.TITLES) : null;
    String street = a.city().country().equals("CN") && hanzi
        ? a.street().local() + a.number() + "号" + (a.unit() == null ? "" : a.unit() + "室")
        : a.number() + " " + a.street().latin() + " " + a.streetType()[rng.chance(0.5) ? 0 : 1]
            + (a.unit() == null ? "" : ", " + a.unit());
    return List.of(RowFactory.create(crmId(p.id()), title, first, last,
        rng.chance(0.85) ? p.birthDate().format(CRM_DOB) : null,
        rng.chance(0.9) ? p.gender() : null,
        placeholderOr(rng, 0.02, "N/A", rng.chance(0.9) ? Noise.email(rng, p.emailLocal(), p.emailDomain()) : null),
        placeholderOr(rng, 0.04, PLACEHOLDER_PHONE, rng.chance(0.9) ? Noise.phone(rng, p.country(), p.phoneNational()) : null),
        street, hanzi && a.city().country().equals("CN") ? a.city().cityLocal() : a.city().city(), a.city().region(),
        a.postcode(), rng.pick(COUNTRY_NAMES.get(a.city().country())),
        rng.chance(0.6) ? p.nationalId() : null,
        p.since().atTime(9, 0).format(CRM_TIME), updated.format(CRM_TIME)));
  }

  List<Row> ecommerce(Person p) {
    if (!p.in(Person.ECOMMERCE)) {
      return List.of();
    }
    List<Row> rows = new ArrayList<>();
    for (int account = 0; account < (p.secondEcommerceAccount() ? 2 : 1); account++) {
      Rng rng = new Rng(seed, p.id(), 12 + 100 * account);
      LocalDateTime updated = when(rng, p);
      Person.Address a = p.addressOn(updated.toLocalDate());
      String given = p.chinese() ? p.given() : rng.chance(0.25) ? Noise.nickname(rng, p) : p.given();
      given = Noise.maybeTypo(rng, given, 0.04);
      String family = Noise.maybeTypo(rng, p.family(), 0.04);
      String name;
      if (p.chinese()) {
        double r = rng.uniform();
        name = r < 0.6 ? given + " " + family : r < 0.85 ? family.toUpperCase(Locale.ROOT) + " " + given
            : family + " " + given;
      } else {
        name = rng.chance(0.04) ? family + " " + given : given + " " + family;
      }
      String mobile = switch (p.country()) {
        case "CN" -> rng.chance(0.6) ? p.phoneNational() : "+86" + p.phoneNational();
        case "GB" -> "+44" + p.phoneNational();
        default -> "+1" + p.phoneNational();
      };
      Row shipping = RowFactory.create(
          a.number() + " " + a.street().latin() + (a.streetType()[0].isEmpty() ? "" : " " + a.streetType()[0])
              + (a.unit() == null ? "" : " " + a.unit()),
          a.city().city(), a.city().region(), a.postcode(), a.city().country());
      rows.add(RowFactory.create(ecommerceId(p.id(), account), name,
          placeholderOr(rng, 0.05, PLACEHOLDER_EMAIL, Noise.email(rng, p.emailLocal(), p.emailDomain())),
          rng.chance(0.85) ? mobile : null,
          rng.chance(0.6) ? p.birthDate().toString() : null,
          rng.chance(0.7) ? (p.gender().equals("M") ? "male" : "female") : null,
          rng.chance(0.95) ? shipping : null,
          p.since().atTime(12, 0) + ":00Z", updated + ":00Z"));
    }
    return rows;
  }

  List<Row> erp(Person p) {
    if (!p.in(Person.ERP)) {
      return List.of();
    }
    Rng rng = new Rng(seed, p.id(), 14);
    LocalDateTime updated = when(rng, p);
    Person.Address a = p.addressOn(updated.toLocalDate());
    boolean cn = a.city().country().equals("CN");
    String name;
    if (p.chinese() && rng.chance(0.9)) {
      name = p.familyHanzi() + p.givenHanzi();
    } else if (p.chinese()) {
      name = (p.family() + " " + p.given()).toUpperCase(Locale.ROOT);
    } else {
      name = rng.chance(0.6)
          ? (Noise.maybeTypo(rng, p.family(), 0.03) + ", " + p.given()).toUpperCase(Locale.ROOT)
          : p.given() + " " + Noise.maybeTypo(rng, p.family(), 0.03);
    }
    String phone = switch (p.country()) {
      case "CN" -> rng.chance(0.5) ? p.phoneNational() : "0086 " + p.phoneNational().substring(0, 3) + "-"
          + p.phoneNational().substring(3, 7) + "-" + p.phoneNational().substring(7);
      case "GB" -> "0044 " + p.phoneNational();
      default -> "001-" + p.phoneNational().substring(0, 3) + "-" + p.phoneNational().substring(3);
    };
    if (rng.chance(0.06)) {
      phone = Noise.fullWidth(phone);
    }
    if (rng.chance(0.04)) {
      name = Noise.fullWidth(name);
    }
    String address = cn
        ? a.city().cityLocal() + a.street().local() + a.number() + "号" + (a.unit() == null ? "" : a.unit() + "室")
        : a.number() + " " + a.street().latin().toUpperCase(Locale.ROOT) + " "
            + a.streetType()[1].toUpperCase(Locale.ROOT) + (a.unit() == null ? "" : " " + a.unit());
    return List.of(RowFactory.create(erpId(p.id()), name, rng.chance(0.9) ? phone : null,
        rng.chance(0.7) ? Noise.email(rng, p.emailLocal(), p.emailDomain()) : null,
        address, cn ? a.city().cityLocal() : a.city().city(), a.city().region(), a.postcode(), a.city().country(),
        rng.chance(0.7) ? p.birthDate().format(ERP_DATE) : null,
        cn && rng.chance(0.8) ? p.nationalId() : null, updated.format(ERP_TIME)));
  }

  List<Row> servicedesk(Person p) {
    if (!p.in(Person.SERVICEDESK)) {
      return List.of();
    }
    Rng rng = new Rng(seed, p.id(), 15);
    LocalDateTime updated = when(rng, p);
    Person.Address a = p.addressOn(updated.toLocalDate());
    String name;
    if (p.chinese() && rng.chance(0.5)) {
      name = p.familyHanzi() + p.givenHanzi();
    } else {
      String given = p.chinese() ? p.given() : rng.chance(0.3) ? Noise.nickname(rng, p) : p.given();
      name = rng.chance(0.2) ? p.family() + ", " + given
          : (rng.chance(0.15) ? rng.pick(Vocabulary.TITLES) + ". " : "") + given + " " + p.family();
      name = Noise.maybeTypo(rng, name, 0.05);
    }
    return List.of(RowFactory.create(servicedeskId(p.id()), name,
        placeholderOr(rng, 0.04, PLACEHOLDER_EMAIL, rng.chance(0.9) ? Noise.email(rng, p.emailLocal(), p.emailDomain()) : null),
        placeholderOr(rng, 0.06, PLACEHOLDER_PHONE, rng.chance(0.85) ? Noise.phone(rng, p.country(), p.phoneNational()) : null),
        rng.chance(0.03) ? "N/A" : a.city().city(),
        rng.chance(0.5) ? a.city().country() : rng.pick(COUNTRY_NAMES.get(a.city().country())),
        p.since().format(DESK_DATE), updated.toString(), String.valueOf(rng.between(1, 12)),
        rng.pick(new String[] {"email", "phone", "chat"})));
  }

  List<Row> truth(Person p) {
    List<Row> rows = new ArrayList<>();
    String c = p.customerId();
    if (p.in(Person.CRM)) {
      rows.add(RowFactory.create("crm", crmId(p.id()), c));
    }
    if (p.in(Person.ECOMMERCE)) {
      rows.add(RowFactory.create("ecommerce", String.valueOf(ecommerceId(p.id(), 0)), c));
      if (p.secondEcommerceAccount()) {
        rows.add(RowFactory.create("ecommerce", String.valueOf(ecommerceId(p.id(), 1)), c));
      }
    }
    if (p.in(Person.ERP)) {
      rows.add(RowFactory.create("erp", erpId(p.id()), c));
    }
    if (p.in(Person.SERVICEDESK)) {
      rows.add(RowFactory.create("servicedesk", servicedeskId(p.id()), c));
    }
    return rows;
  }

  private LocalDateTime when(Rng rng, Person p) {
    long days = Math.max(1, lastDay.toEpochDay() - p.since().toEpochDay());
    return p.since().plusDays(rng.between(0, (int) days)).atTime(rng.between(7, 22), rng.between(0, 59));
  }

  private static String placeholderOr(Rng rng, double p, String placeholder, String value) {
    return rng.chance(p) ? placeholder : value;
  }

  private static StructType strings(String... names) {
    StructType t = new StructType();
    for (String n : names) {
      t = t.add(n, DataTypes.StringType);
    }
    return t;
  }
}
