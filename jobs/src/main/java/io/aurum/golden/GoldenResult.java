package io.aurum.golden;

import java.util.Map;

/**
 * Counts and timing of one golden run.
 *
 * @param customers golden customers after the run
 * @param built     golden records built by survivorship: all of them, or on an incremental night those whose
 *                  records changed
 * @param changed   customers created or updated by the run (0 when nothing changed)
 * @param xrefRows  source records in the cross-reference (all ever seen)
 * @param idEvents  id events of the run by kind (created, merged, split, retired)
 */
public record GoldenResult(long customers, long built, long changed, long xrefRows, Map<String, Long> idEvents,
                           double seconds) {
  public GoldenResult {
    idEvents = Map.copyOf(idEvents);
  }
}
