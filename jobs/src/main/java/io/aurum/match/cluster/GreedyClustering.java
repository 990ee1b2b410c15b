package io.aurum.match.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits one cluster again (too large, or holding two records a steward said are apart): links are taken
 * strongest first and two parts are joined only when the result stays within {@code maxSize} records and does
 * not bring together the two records of a cannot-link pair; links below {@code minProbability} are ignored. Each
 * record's part is named by the smallest record id in it. A plain function over one cluster's links, run per
 * cluster.
 */
public final class GreedyClustering {
  /** One link between two records. */
  public record Link(String a, String b, double probability) {}

  /** Two records that must end in different parts. */
  public record Apart(String a, String b) {}

  private GreedyClustering() {}

  /** Part of every record in {@code records} (records without a strong enough link are alone). */
  public static Map<String, String> split(List<String> records, List<Link> links, List<Apart> apart, int maxSize,
                                          double minProbability) {
    Map<String, String> parent = new HashMap<>();
    Map<String, Integer> size = new HashMap<>();
    records.forEach(r -> {
      parent.put(r, r);
      size.put(r, 1);
    });
    List<Link> sorted = new ArrayList<>(links);
    sorted.sort(Comparator.comparingDouble(Link::probability).reversed()
        .thenComparing(Link::a).thenComparing(Link::b));
    for (Link link : sorted) {
      if (link.probability() < minProbability || !parent.containsKey(link.a()) || !parent.containsKey(link.b())) {
        continue;
      }
      String ra = root(parent, link.a());
      String rb = root(parent, link.b());
      if (!ra.equals(rb) && size.get(ra) + size.get(rb) <= maxSize && !keptApart(parent, apart, ra, rb)) {
        String keep = ra.compareTo(rb) < 0 ? ra : rb;
        String gone = keep.equals(ra) ? rb : ra;
        parent.put(gone, keep);
        size.put(keep, size.get(ra) + size.get(rb));
      }
    }
    Map<String, String> out = new HashMap<>();
    records.forEach(r -> out.put(r, root(parent, r)));
    return out;
  }

  private static boolean keptApart(Map<String, String> parent, List<Apart> apart, String ra, String rb) {
    for (Apart p : apart) {
      if (parent.containsKey(p.a()) && parent.containsKey(p.b())) {
        String pa = root(parent, p.a());
        String pb = root(parent, p.b());
        if (pa.equals(ra) && pb.equals(rb) || pa.equals(rb) && pb.equals(ra)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The root of {@code node} in a union-find forest ({@code parent} of every node, a root its own), kept near it. */
  static String root(Map<String, String> parent, String node) {
    String r = node;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    parent.put(node, r);
    return r;
  }
}
