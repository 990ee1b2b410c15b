package io.aurum.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names, places and domains the generator draws from, with realistic skew: family names carry frequency
 * weights (Smith, Wang and Li are common, so different people share names), given names carry nicknames.
 * Kept independent of Aurum's own lookup tables so that matching is not evaluated against itself.
 */
final class Vocabulary {
  /** A Latin given name, its gender and the nicknames people use for it. */
  record GivenName(String name, String gender, List<String> nicknames) {}

  /** A Chinese surname in hanzi with its pinyin. */
  record ChineseSurname(String hanzi, String pinyin) {}

  /** A city with its region, country and the shapes of its postcodes and phone numbers. */
  record City(String country, String city, String cityLocal, String region, String postcodePrefix, String areaCode) {}

  /** A street name in local script and in Latin letters. */
  record Street(String local, String latin) {}

  static final List<GivenName> LATIN_GIVEN = given(
      "Robert M Bob,Rob,Bobby", "William M Bill,Will,Billy", "James M Jim,Jimmy", "John M Jack,Johnny",
      "Michael M Mike,Mikey", "Richard M Rick,Dick", "Thomas M Tom,Tommy", "Charles M Charlie,Chuck",
      "Joseph M Joe,Joey", "Daniel M Dan,Danny", "Matthew M Matt", "Anthony M Tony", "Christopher M Chris",
      "Andrew M Andy,Drew", "David M Dave", "Steven M Steve", "Edward M Ed,Ted,Eddie", "Benjamin M Ben",
      "Samuel M Sam", "Alexander M Alex", "Nicholas M Nick", "Jonathan M Jon", "Timothy M Tim", "Jeffrey M Jeff",
      "Gregory M Greg", "Joshua M Josh", "Patrick M Pat", "Peter M Pete", "Henry M Hank", "Jacob M Jake",
      "Oliver M Ollie", "Raymond M Ray", "Walter M Walt", "Frederick M Fred", "Paul M", "Mark M", "Brian M",
      "Kevin M", "Jason M", "Ryan M", "Gary M", "Scott M", "Eric M", "George M", "Noah M", "Lucas M", "Leo M",
      "Elizabeth F Liz,Beth,Betty", "Margaret F Maggie,Peggy", "Jennifer F Jen,Jenny", "Katherine F Kate,Katie,Kathy",
      "Patricia F Pat,Patty", "Susan F Sue", "Deborah F Debbie", "Rebecca F Becky", "Victoria F Vicky",
      "Jessica F Jess", "Christina F Tina", "Abigail F Abby", "Samantha F Sam", "Alexandra F Alex",
      "Charlotte F Lottie", "Isabella F Bella", "Amelia F Amy", "Emily F Em", "Olivia F Liv", "Sophia F Sophie",
      "Sarah F", "Emma F", "Mary F", "Linda F", "Barbara F Barb", "Nancy F", "Laura F", "Anna F Annie",
      "Maria F", "Hannah F", "Grace F", "Lucy F", "Chloe F", "Zoë F", "Renée F", "José M", "François M");

  static final String[] LATIN_FAMILY = {
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
      "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
      "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
      "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
      "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Evans",
      "Turner", "Phillips", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers",
      "O'Brien", "O'Connor", "MacDonald", "Fitzgerald", "Müller", "Schröder", "Dubois", "Lefèvre", "Núñez",
      "Kowalski", "Nowak", "Østergaard", "Van der Berg", "De la Cruz"};
  static final double[] LATIN_FAMILY_WEIGHTS = cumulative(
      10, 8, 7, 7, 6, 5, 5, 5, 4, 4, 4, 3.5, 3.5, 3.3, 3.3, 3.2, 3.2, 3, 3, 3, 3, 2.5, 2.5, 2.5, 2.4, 2.2, 2.2, 2,
      2, 2, 2, 1.9, 1.9, 1.9, 1.8, 1.7, 1.7, 1.7, 1.7, 1.6, 1.6, 1.6, 1.5, 1.5, 1.5, 1.4, 1.4, 1.4, 1.4, 1.4,
      1.2, 1.2, 1.2, 1.2, 1.1, 1.1, 1.1, 1.1, 1, 1, 1, 0.8, 0.5, 0.5, 0.4, 0.5, 0.3, 0.3, 0.2, 0.3, 0.3, 0.3,
      0.1, 0.2, 0.2);

  static final List<ChineseSurname> CHINESE_FAMILY = surnames(
      "王 Wang", "李 Li", "张 Zhang", "刘 Liu", "陈 Chen", "杨 Yang", "黄 Huang", "赵 Zhao", "吴 Wu", "周 Zhou",
      "徐 Xu", "孙 Sun", "马 Ma", "朱 Zhu", "胡 Hu", "郭 Guo", "何 He", "林 Lin", "高 Gao", "罗 Luo", "郑 Zheng",
      "梁 Liang", "谢 Xie", "宋 Song", "唐 Tang", "韩 Han", "冯 Feng", "邓 Deng", "曹 Cao", "彭 Peng",
      "欧阳 Ouyang", "司马 Sima", "诸葛 Zhuge", "上官 Shangguan", "东方 Dongfang");
  static final double[] CHINESE_FAMILY_WEIGHTS = cumulative(
      7.1, 7.0, 6.7, 5.4, 4.5, 3.1, 2.2, 2.0, 2.0, 1.9, 1.3, 1.3, 1.1, 1.0, 1.0, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8,
      0.7, 0.6, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.15, 0.08, 0.05, 0.05, 0.05);

  /** Characters of Chinese given names with their pinyin (one reading each). */
  static final String[][] CHINESE_GIVEN = pairs(
      "伟 wei", "芳 fang", "娜 na", "敏 min", "静 jing", "丽 li", "强 qiang", "磊 lei", "军 jun", "洋 yang",
      "勇 yong", "艳 yan", "杰 jie", "娟 juan", "涛 tao", "明 ming", "超 chao", "秀 xiu", "霞 xia", "平 ping",
      "刚 gang", "英 ying", "华 hua", "小 xiao", "建 jian", "国 guo", "文 wen", "玉 yu", "海 hai", "红 hong",
      "志 zhi", "晓 xiao", "宇 yu", "浩 hao", "思 si", "雨 yu", "欣 xin", "子 zi", "涵 han", "俊 jun",
      "佳 jia", "婷 ting", "鹏 peng", "辉 hui", "斌 bin", "琳 lin", "雪 xue", "飞 fei", "云 yun", "龙 long");

  static final List<City> CITIES = List.of(
      new City("US", "New York", "New York", "NY", "100", "212"),
      new City("US", "Los Angeles", "Los Angeles", "CA", "900", "213"),
      new City("US", "Chicago", "Chicago", "IL", "606", "312"),
      new City("US", "Houston", "Houston", "TX", "770", "713"),
      new City("US", "Seattle", "Seattle", "WA", "981", "206"),
      new City("US", "Boston", "Boston", "MA", "021", "617"),
      new City("GB", "London", "London", "England", "SW", "20"),
      new City("GB", "Manchester", "Manchester", "England", "M", "161"),
      new City("GB", "Edinburgh", "Edinburgh", "Scotland", "EH", "131"),
      new City("CN", "Beijing", "北京", "北京市", "100", "10"),
      new City("CN", "Shanghai", "上海", "上海市", "200", "21"),
      new City("CN", "Guangzhou", "广州", "广东省", "510", "20"),
      new City("CN", "Shenzhen", "深圳", "广东省", "518", "755"),
      new City("CN", "Hangzhou", "杭州", "浙江省", "310", "571"),
      new City("CN", "Chengdu", "成都", "四川省", "610", "28"));

  static final List<Street> LATIN_STREETS = streets(
      "Main", "Oak", "Maple", "Park", "High", "Church", "Station", "Victoria", "King", "Queen", "Elm",
      "Washington", "Lake", "Hill", "Cedar", "Pine", "Mill", "Bridge", "Sunset", "River", "Green", "Forest");
  static final String[][] STREET_TYPES = pairs("Street St", "Road Rd", "Avenue Ave", "Lane Ln", "Drive Dr",
      "Boulevard Blvd", "Court Ct", "Place Pl");
  static final List<Street> CHINESE_STREETS = List.of(
      new Street("建国路", "Jianguo Road"), new Street("人民路", "Renmin Road"), new Street("中山路", "Zhongshan Road"),
      new Street("解放路", "Jiefang Road"), new Street("南京路", "Nanjing Road"), new Street("长安街", "Chang'an Street"),
      new Street("和平路", "Heping Road"), new Street("复兴路", "Fuxing Road"), new Street("延安路", "Yan'an Road"),
      new Street("淮海路", "Huaihai Road"), new Street("科技园路", "Kejiyuan Road"), new Street("滨江大道", "Binjiang Avenue"));

  static final String[] LATIN_DOMAINS = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "aol.com"};
  static final String[] CHINESE_DOMAINS = {"qq.com", "163.com", "126.com", "sina.com", "gmail.com", "foxmail.com"};
  static final String[] TITLES = {"Mr", "Mrs", "Ms", "Dr", "Prof"};

  private Vocabulary() {}

  private static List<GivenName> given(String... specs) {
    List<GivenName> out = new ArrayList<>();
    for (String s : specs) {
      String[] p = s.split(" ");
      out.add(new GivenName(p[0], p[1], p.length > 2 ? List.of(p[2].split(",")) : List.of()));
    }
    return List.copyOf(out);
  }

  private static List<ChineseSurname> surnames(String... specs) {
    return Arrays.stream(specs).map(s -> s.split(" ")).map(p -> new ChineseSurname(p[0], p[1])).toList();
  }

  private static List<Street> streets(String... names) {
    return Arrays.stream(names).map(n -> new Street(n, n)).toList();
  }

  private static String[][] pairs(String... specs) {
    return Arrays.stream(specs).map(s -> s.split(" ")).toArray(String[][]::new);
  }

  private static double[] cumulative(double... weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      c[i] = sum;
    }
    return c;
  }
}
