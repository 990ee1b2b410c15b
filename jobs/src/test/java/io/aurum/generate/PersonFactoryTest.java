package io.aurum.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.standardize.PhoneStandardizer;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The traps real data has are present in the generated universe, and people are reproducible. */
class PersonFactoryTest {
  private final PersonFactory factory = new PersonFactory(7, LocalDate.of(2023, 1, 1), LocalDate.of(2026, 11, 20));
  private final List<Person> people = LongStream.range(0, 6000).mapToObj(factory::person).toList();

  @Test
  void mobileNumbersAreValidInTheirCountry() {
    Rng rng = new Rng(11, 0, 0);
    for (String country : List.of("CN", "GB", "US")) {
      for (int i = 0; i < 500; i++) {
        String national = PersonFactory.mobile(rng, country);
        PhoneStandardizer.Phone phone = PhoneStandardizer.parse(national, country, "US");
        assertTrue(phone != null && phone.valid(), country + " " + national);
      }
    }
  }

  @Test
  void samePersonForTheSameSeedAndId() {
    assertEquals(factory.person(4242), factory.person(4242));
    assertNotEquals(factory.person(4242).emailLocal(),
        new PersonFactory(8, LocalDate.of(2023, 1, 1), LocalDate.of(2026, 11, 20)).person(4242).emailLocal());
  }

  @Test
  void householdsShareAddressAndFamilyNameButNotIdentity() {
    long households = 0;
    for (int block = 0; block < 2000; block++) {
      Person a = people.get(block * 3);
      Person b = people.get(block * 3 + 1);
      if (a.address().equals(b.address())) {
        households++;
        assertEquals(a.family(), b.family());
        assertNotEquals(a.emailLocal() + a.birthDate(), b.emailLocal() + b.birthDate());
      }
    }
    assertTrue(households > 150 && households < 350, "about 12% of 2,000 blocks: " + households);
  }

  @Test
  void twinsShareBirthDateAddressAndFamilyName() {
    long twins = LongStream.range(0, 2000).filter(block -> {
      Person a = people.get((int) block * 3);
      Person b = people.get((int) block * 3 + 1);
      return a.address().equals(b.address()) && a.birthDate().equals(b.birthDate());
    }).count();
    assertTrue(twins > 30, "twins: " + twins);
  }

  @Test
  void commonNamesAreSharedByDifferentPeople() {
    long johnSmiths = people.stream().filter(p -> p.given().equals("John") && p.family().equals("Smith")).count();
    long wangWeis = people.stream().filter(p -> "王伟".equals(p.familyHanzi() + p.givenHanzi())).count();
    assertTrue(johnSmiths >= 20, "John Smiths: " + johnSmiths);
    assertTrue(wangWeis >= 15, "王伟: " + wangWeis);
  }

  @Test
  void mixOfChineseAndLatinCustomersInEverySystemCombination() {
    double chinese = people.stream().filter(Person::chinese).count() / (double) people.size();
    assertTrue(chinese > 0.35 && chinese < 0.45, "Chinese share " + chinese);
    assertTrue(people.stream().anyMatch(p -> p.systems() == 15), "someone is in all four systems");
    assertTrue(people.stream().allMatch(p -> p.systems() != 0));
    assertTrue(people.stream().filter(p -> p.previousAddress() != null).count() > 600, "people who moved");
  }

  @Test
  void chineseNationalIdsCarryAValidCheckDigit() {
    Person p = people.stream().filter(x -> x.country().equals("CN")).findFirst().orElseThrow();
    String id = p.nationalId();
    int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * w[i];
    }
    assertEquals("10X98765432".charAt(sum % 11), id.charAt(17));
    assertTrue(id.contains(p.birthDate().toString().replace("-", "")));
  }
}
