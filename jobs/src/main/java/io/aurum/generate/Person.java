package io.aurum.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * One true customer of the generated universe: the clean values every source system's record is a noisy
 * copy of. Chinese customers carry hanzi and pinyin names.
 *
 * @param systems bit set of {@link #CRM}, {@link #ECOMMERCE}, {@link #ERP}, {@link #SERVICEDESK}
 */
record Person(
    long id,
    boolean chinese,
    String given,
    String family,
    String givenHanzi,
    String familyHanzi,
    List<String> nicknames,
    String gender,
    LocalDate birthDate,
    String emailLocal,
    String emailDomain,
    String country,
    String phoneNational,
    Address address,
    Address previousAddress,
    LocalDate movedOn,
    String nationalId,
    LocalDate since,
    int systems,
    boolean secondEcommerceAccount) {

  static final int CRM = 1;
  static final int ECOMMERCE = 2;
  static final int ERP = 4;
  static final int SERVICEDESK = 8;

  /** A postal address in both the local script and Latin letters. */
  record Address(String number, Vocabulary.Street street, String[] streetType, String unit,
                 Vocabulary.City city, String postcode) {}

  String customerId() {
    return String.format("P%08d", id);
  }

  boolean in(int system) {
    return (systems & system) != 0;
  }

  /** The address valid at {@code date}: the previous one before a move. */
  Address addressOn(LocalDate date) {
    return previousAddress != null && date.isBefore(movedOn) ? previousAddress : address;
  }
}
