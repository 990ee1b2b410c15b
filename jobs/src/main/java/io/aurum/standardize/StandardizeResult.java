package io.aurum.standardize;

import io.aurum.config.CanonicalEntity;
import io.aurum.lake.TableName;
import java.util.List;
import java.util.Map;

/**
 * What the standardize stage did in one run.
 *
 * @param tables  one entry per silver table written
 * @param seconds wall-clock time of the whole stage
 */
public record StandardizeResult(List<Table> tables, double seconds) {

  /**
   * One silver table.
   *
   * @param entity      the canonical entity it holds
   * @param table       its name
   * @param rowsWritten rows committed (one per current source record)
   * @param issues      per source, the number of rows with each data-quality issue code
   * @param seconds     wall-clock time to build, write and count it
   */
  public record Table(CanonicalEntity entity, TableName table, long rowsWritten, Map<String, Map<String, Long>> issues,
                      double seconds) {}

  /** Rows written to all silver tables. */
  public long rowsWritten() {
    return tables.stream().mapToLong(Table::rowsWritten).sum();
  }

  /** The entry of {@code entity}, or {@code null} when no source delivers it. */
  public Table table(CanonicalEntity entity) {
    return tables.stream().filter(t -> t.entity() == entity).findFirst().orElse(null);
  }
}
