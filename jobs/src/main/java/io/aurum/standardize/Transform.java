package io.aurum.standardize;

import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * One named step of a field's standardization pipeline, configured from {@code rules/standardize.conf}.
 * Implementations build Spark column expressions (built-in functions wherever possible); they never read
 * data.
 */
@FunctionalInterface
public interface Transform {
  /**
   * @param value  the field's value so far
   * @param field  the canonical field name, used in issue codes ({@code <field>.<problem>})
   * @param record the record's other fields as standardized so far (fields earlier in the rule file)
   */
  Step apply(Column value, String field, Map<String, Column> record);
}
