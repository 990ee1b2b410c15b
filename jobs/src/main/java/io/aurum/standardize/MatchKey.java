package io.aurum.standardize;

import java.util.List;

/**
 * A derived column computed once in silver for the matching stage, e.g. a phonetic code of the family name:
 * a Spark SQL expression over the standardized fields (and keys declared before it), then transforms.
 *
 * @param name     the column name
 * @param from     the expression it starts from, e.g. {@code family_name} or {@code year(birth_date)}
 * @param steps    transforms applied in order
 * @param location file and line of its declaration, for messages
 */
public record MatchKey(String name, String from, List<Transform> steps, String location) {}
