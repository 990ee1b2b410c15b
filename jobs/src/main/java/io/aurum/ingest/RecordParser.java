package io.aurum.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.aurum.config.EntityRule;
import io.aurum.config.ReaderFormat;
import io.aurum.config.TextOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parses decoded lines ({@link LineReader}'s output) into the declared source columns with Spark's own CSV
 * or JSON parser, permissively: a line that does not parse keeps null columns and is marked
 * {@link RejectReason#MALFORMED} with an explanation. Errors found earlier (undecodable bytes, a bad header)
 * are kept.
 *
 * <p>Output: {@code _file, _file_hash, _row_number, _raw}, the declared columns, {@code _error, _error_detail}.
 */
public final class RecordParser {
  private static final String CORRUPT = "_corrupt";

  private RecordParser() {}

  public static Dataset<Row> parse(Dataset<Row> lines, EntityRule rule) {
    StructType withCorrupt = rule.schema().add(CORRUPT, DataTypes.StringType, true);
    TextOptions o = rule.text();
    Column parsed = rule.format() == ReaderFormat.CSV
        ? functions.from_csv(col("_line"), lit(withCorrupt.toDDL()), csvOptions(o))
        : functions.from_json(col("_line"), withCorrupt, parseMode(o));
    Column malformed = col("_parsed." + CORRUPT).isNotNull();
    Column detail = rule.format() == ReaderFormat.CSV
        ? explainCsv(o, rule.schema().fields().length).apply(col("_line"))
        : lit("not a JSON object with the declared fields, or a value of the wrong type");

    List<Column> out = new ArrayList<>(List.of(col("_file"), col("_file_hash"), col("_row_number"), col("_line").as("_raw")));
    for (StructField f : rule.schema().fields()) {
      out.add(col("_parsed.`" + f.name() + "`").as(f.name()));
    }
    out.add(when(col("_error").isNotNull(), col("_error"))
        .when(malformed, lit(RejectReason.MALFORMED)).as("_error"));
    out.add(when(col("_error").isNotNull(), col("_error_detail"))
        .when(malformed, detail).as("_error_detail"));
    return lines.withColumn("_parsed", parsed).select(out.toArray(Column[]::new));
  }

  private static Map<String, String> csvOptions(TextOptions o) {
    Map<String, String> m = new HashMap<>(parseMode(o));
    m.put("sep", o.delimiter());
    m.put("quote", o.quote());
    m.put("escape", o.escape());
    m.put("nullValue", o.nullValue());
    m.put("ignoreLeadingWhiteSpace", String.valueOf(o.trim()));
    m.put("ignoreTrailingWhiteSpace", String.valueOf(o.trim()));
    return m;
  }

  private static Map<String, String> parseMode(TextOptions o) {
    return Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT,
        "dateFormat", o.dateFormat(), "timestampFormat", o.timestampFormat());
  }

  private static UserDefinedFunction explainCsv(TextOptions o, int columns) {
    char delimiter = o.delimiter().charAt(0);
    char quote = o.quote().charAt(0);
    UDF1<String, String> explain = line -> CsvDiagnosis.explain(line, delimiter, quote, columns);
    return functions.udf(explain, DataTypes.StringType);
  }
}
