package io.aurum.lake;

/**
 * A table's name in the lakehouse: {@code layer.table}, stored at {@code <lakehouse>/<layer>/<table>}.
 *
 * @param layer e.g. {@code bronze}, {@code quarantine}, {@code ops}
 * @param table e.g. {@code crm_customers}
 */
public record TableName(String layer, String table) {
  private static final String PART = "[a-z][a-z0-9_]*";

  public TableName {
    if (!layer.matches(PART) || !table.matches(PART)) {
      throw new IllegalArgumentException("Invalid table name " + layer + "." + table + ": parts must match " + PART);
    }
  }

  public static TableName parse(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("Invalid table name \"" + qualified + "\": expected layer.table");
    }
    return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  @Override
  public String toString() {
    return layer + "." + table;
  }
}
