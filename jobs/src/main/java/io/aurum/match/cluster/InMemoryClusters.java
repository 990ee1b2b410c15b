package io.aurum.match.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clusters {@link Clusters#assign} forms, computed in the driver's memory for records few enough to hold there,
 * such as the components an incremental night's changes touch: Spark finds connected components in a few jobs per
 * step of the longest chain of links, here one pass of union-find does. The rules and ids are the same: links at or
 * above the auto-match probability less cannot-link pairs plus must-link pairs of two known records, connected
 * components named by their smallest record id, and a component past the maximum size or holding a cannot-link
 * pair split by {@link GreedyClustering}. Union-find needs no iteration limit, so {@code maxIterations} is not read.
 */
public final class InMemoryClusters {
  /** One record's cluster: the columns of a row of {@link Clusters#assign}. */
  public record Assignment(String recordId, String clusterId, long clusterSize, String componentId) {}

  private InMemoryClusters() {}

  /**
   * @param records   every record's id
   * @param scored    scored pairs (record ids in the pair's order and match probability); those below auto-match
   *                  are ignored
   * @param overrides the steward's must-link and cannot-link pairs
   * @return every record's assignment, in no particular order
   */
  public static List<Assignment> assign(Collection<String> records, Collection<GreedyClustering.Link> scored,
                                        Overrides overrides, Clusters.Settings settings) {
    Set<String> ids = new HashSet<>(records);
    List<GreedyClustering.Link> links = links(ids, scored, overrides, settings.autoMatch());
    Map<String, String> parent = new HashMap<>();
    for (GreedyClustering.Link link : links) {
      if (!link.a().equals(link.b())) {
        union(parent, link.a(), link.b());
      }
    }
    Map<String, List<String>> components = new HashMap<>();
    for (String id : ids) {
      components.computeIfAbsent(component(parent, id), c -> new ArrayList<>()).add(id);
    }
    Map<String, List<GreedyClustering.Apart>> apart = new HashMap<>();
    for (Overrides.Pair p : overrides.cannotLink()) {
      String component = component(parent, p.left());
      if (ids.contains(p.left()) && ids.contains(p.right()) && component.equals(component(parent, p.right()))) {
        apart.computeIfAbsent(component, c -> new ArrayList<>()).add(new GreedyClustering.Apart(p.left(), p.right()));
      }
    }
    Map<String, List<GreedyClustering.Link>> linksFrom = new HashMap<>();
    for (GreedyClustering.Link link : links) {
      if (ids.contains(link.a())) {
        linksFrom.computeIfAbsent(component(parent, link.a()), c -> new ArrayList<>()).add(link);
      }
    }
    List<Assignment> out = new ArrayList<>(ids.size());
    components.forEach((component, members) -> {
      List<GreedyClustering.Apart> keptApart = apart.getOrDefault(component, List.of());
      if (members.size() <= settings.maxSize() && keptApart.isEmpty()) {
        members.forEach(m -> out.add(new Assignment(m, component, members.size(), component)));
        return;
      }
      double min = members.size() > settings.maxSize() ? settings.strictProbability() : settings.autoMatch();
      Map<String, String> parts = GreedyClustering.split(members, linksFrom.getOrDefault(component, List.of()),
          keptApart, settings.maxSize(), min);
      Map<String, Long> sizes = new HashMap<>();
      parts.values().forEach(part -> sizes.merge(part, 1L, Long::sum));
      parts.forEach((record, part) -> out.add(new Assignment(record, part, sizes.get(part), component)));
    });
    return out;
  }

  /**
   * The links clustering follows, one per ordered pair of ids with its highest probability: scored pairs at or
   * above {@code autoMatch} that are not a cannot-link pair in the same order, and must-link pairs of two known
   * records at probability 1.
   */
  private static List<GreedyClustering.Link> links(Set<String> ids, Collection<GreedyClustering.Link> scored,
                                                   Overrides overrides, double autoMatch) {
    Set<List<String>> cannot = new HashSet<>();
    overrides.cannotLink().forEach(p -> cannot.add(List.of(p.left(), p.right())));
    Map<List<String>, GreedyClustering.Link> strongest = new HashMap<>();
    for (GreedyClustering.Link link : scored) {
      List<String> key = List.of(link.a(), link.b());
      if (link.probability() >= autoMatch && !cannot.contains(key)) {
        strongest.merge(key, link, InMemoryClusters::stronger);
      }
    }
    for (Overrides.Pair p : overrides.mustLink()) {
      if (ids.contains(p.left()) && ids.contains(p.right())) {
        strongest.merge(List.of(p.left(), p.right()), new GreedyClustering.Link(p.left(), p.right(), 1.0),
            InMemoryClusters::stronger);
      }
    }
    return new ArrayList<>(strongest.values());
  }

  private static GreedyClustering.Link stronger(GreedyClustering.Link x, GreedyClustering.Link y) {
    return x.probability() >= y.probability() ? x : y;
  }

  /** The record's connected component: its root, or the record itself when it has no link. */
  private static String component(Map<String, String> parent, String id) {
    return parent.containsKey(id) ? GreedyClustering.root(parent, id) : id;
  }

  /** Joins the components of {@code a} and {@code b}; the smaller id is the root, so a root is its component's id. */
  private static void union(Map<String, String> parent, String a, String b) {
    parent.putIfAbsent(a, a);
    parent.putIfAbsent(b, b);
    String ra = GreedyClustering.root(parent, a);
    String rb = GreedyClustering.root(parent, b);
    if (ra.compareTo(rb) < 0) {
      parent.put(rb, ra);
    } else if (rb.compareTo(ra) < 0) {
      parent.put(ra, rb);
    }
  }
}
