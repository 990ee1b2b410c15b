package io.aurum.match.compare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.aurum.match.block.CandidatePairs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns pairs of record ids into comparison vectors: each side's compared columns as {@code <column>_l} and
 * {@code <column>_r}, and one {@code gamma_<name>} level per comparison.
 */
public final class ComparisonVectors {
  private ComparisonVectors() {}

  /** Every column the comparisons read, in a stable order. */
  public static List<String> columns(List<Comparison> comparisons) {
    Set<String> out = new LinkedHashSet<>();
    comparisons.forEach(c -> out.addAll(c.columns()));
    comparisons.stream().filter(c -> c.termFrequency() != null).forEach(c -> out.add(c.tfColumn()));
    return List.copyOf(out);
  }

  /**
   * @param pairs   {@code record_number_l}, {@code record_number_r} and any other columns (kept)
   * @param records {@code record_number}, {@code record_id} and every column of {@link #columns}
   */
  public static Dataset<Row> compare(Dataset<Row> pairs, Dataset<Row> records, List<Comparison> comparisons) {
    Dataset<Row> withSides = withValues(pairs, records, comparisons);
    List<Column> out = new ArrayList<>();
    for (String c : withSides.columns()) {
      out.add(col(c));
    }
    comparisons.forEach(c -> out.add(gamma(c).as(c.gammaColumn())));
    return withSides.select(out.toArray(Column[]::new));
  }

  /**
   * {@code pairs} (by {@code record_number_l} and {@code _r}) with both records' ids and values of every column of
   * {@link #columns} as {@code _l} and {@code _r} (any such column {@code pairs} already has is replaced), each pair
   * oriented by id: the record with the smaller {@code record_id} is the left one, whichever number came first.
   * Comparison levels are SQL and may read the sides differently, so a pair must meet them the same way every night.
   */
  public static Dataset<Row> withValues(Dataset<Row> pairs, Dataset<Row> records, List<Comparison> comparisons) {
    List<String> columns = columns(comparisons);
    Set<String> replaced = valueColumns(columns);
    replaced.addAll(List.of(CandidatePairs.ID + "_l", CandidatePairs.ID + "_r"));
    Dataset<Row> joined = pairs.drop(replaced.toArray(String[]::new))
        .join(side(records, columns, "_l"), CandidatePairs.NUMBER + "_l")
        .join(side(records, columns, "_r"), CandidatePairs.NUMBER + "_r");
    return orientedById(joined, columns);
  }

  /** Swaps every {@code _l} and {@code _r} column of the pairs whose left id is the greater one. */
  private static Dataset<Row> orientedById(Dataset<Row> joined, List<String> columns) {
    Column swap = col(CandidatePairs.ID + "_l").gt(col(CandidatePairs.ID + "_r"));
    Set<String> sided = new LinkedHashSet<>(List.of(CandidatePairs.NUMBER, CandidatePairs.ID));
    sided.addAll(columns);
    List<Column> out = new ArrayList<>();
    for (String c : joined.columns()) {
      String base = c.substring(0, Math.max(0, c.length() - 2));
      boolean left = c.endsWith("_l");
      if (sided.contains(base) && (left || c.endsWith("_r"))) {
        String other = base + (left ? "_r" : "_l");
        out.add(when(swap, col(other)).otherwise(col(c)).as(c));
      } else {
        out.add(col(c));
      }
    }
    return joined.select(out.toArray(Column[]::new));
  }

  /**
   * The vectors without the compared values, i.e. what scoring and training read: every column of {@code vectors}
   * that is not a value column, plus the left record's term frequencies.
   */
  public static Dataset<Row> withoutValues(Dataset<Row> vectors, List<Comparison> comparisons) {
    Set<String> values = valueColumns(columns(comparisons));
    comparisons.stream().filter(c -> c.termFrequency() != null).forEach(c -> values.remove(c.tfColumn() + "_l"));
    return vectors.drop(values.toArray(String[]::new));
  }

  /** The level expression of one comparison: null level, then each level in order, then else. */
  public static Column gamma(Comparison c) {
    Column missing = lit(false);
    for (String column : c.nullIfMissing()) {
      missing = missing.or(col(column + "_l").isNull()).or(col(column + "_r").isNull());
    }
    Column level = when(missing, lit(Comparison.NULL_LEVEL));
    for (int i = 0; i < c.levels().size(); i++) {
      level = level.when(expr(c.levels().get(i).sql()), lit(i));
    }
    return level.otherwise(lit(c.elseLevel()));
  }

  private static Set<String> valueColumns(List<String> columns) {
    Set<String> out = new LinkedHashSet<>();
    for (String c : columns) {
      out.add(c + "_l");
      out.add(c + "_r");
    }
    return out;
  }

  /**
   * One record per number with its id and values, hinted as the build side of a shuffled hash join: the pairs
   * (many more rows than records) then stream through a hash table per partition instead of being sorted for a
   * sort-merge join.
   */
  private static Dataset<Row> side(Dataset<Row> records, List<String> columns, String suffix) {
    List<Column> out = new ArrayList<>();
    out.add(col(CandidatePairs.NUMBER).as(CandidatePairs.NUMBER + suffix));
    out.add(col(CandidatePairs.ID).as(CandidatePairs.ID + suffix));
    columns.forEach(c -> out.add(col(c).as(c + suffix)));
    return records.select(out.toArray(Column[]::new)).hint("shuffle_hash");
  }
}
