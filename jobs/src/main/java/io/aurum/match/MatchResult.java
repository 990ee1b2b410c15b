package io.aurum.match;

import java.util.Map;

/**
 * Counts and timings of one match run.
 *
 * @param records         silver records matched
 * @param recordsScored   records whose pairs were scored: all of them, or on an incremental night the new and
 *                        changed ones
 * @param candidatePairs  distinct pairs from blocking (each scored once)
 * @param pairsPerRule    pairs each blocking rule found (a pair found by two rules counts for both)
 * @param oversizedBlocks blocks not expanded because they exceeded max-block-size
 * @param pairsWritten    pairs at or above keep-pairs written to match.pairs
 * @param reviewPairs     pairs written to match.review_queue
 * @param clusters        clusters (records alone included)
 * @param linkedRecords   records in clusters of two or more
 * @param lambda          prior: probability that two random records match (trained or pinned)
 * @param emIterations    EM iterations (0 when parameters were pinned)
 */
public record MatchResult(long records, long recordsScored, long candidatePairs, Map<String, Long> pairsPerRule,
                          long oversizedBlocks, long pairsWritten, long reviewPairs, long clusters, long linkedRecords,
                          double lambda, int emIterations, double seconds) {
  public MatchResult {
    pairsPerRule = Map.copyOf(pairsPerRule);
  }
}
