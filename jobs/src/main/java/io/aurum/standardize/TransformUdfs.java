package io.aurum.standardize;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The UDFs behind the transforms that need a library (ICU4J, libphonenumber, Commons Codec), and behind
 * {@code lookup-words}, which Spark SQL can only express as a higher-order function that runs without generated
 * code and scans the table for every word; each wraps a plain static function with its own unit tests. Everything
 * else is built from Spark SQL functions.
 */
final class TransformUdfs {
  static final UserDefinedFunction NFKC = string(TextFunctions::nfkc);
  static final UserDefinedFunction STRIP_ACCENTS = string(TextFunctions::stripAccents);
  static final UserDefinedFunction ROMANIZE = string(TextFunctions::pinyin);
  static final UserDefinedFunction DOUBLE_METAPHONE = string(TextFunctions::doubleMetaphone);
  static final UserDefinedFunction PHONE_NATIONAL = string(PhoneStandardizer::nationalNumber);

  static final StructType PHONE_TYPE = StructType.fromDDL("e164 STRING, valid BOOLEAN, type STRING");
  static final UserDefinedFunction PHONE = functions.udf((UDF3<String, String, String, Row>)
      (raw, region, fallback) -> {
        PhoneStandardizer.Phone p = PhoneStandardizer.parse(raw, region, fallback);
        return p == null ? null : RowFactory.create(p.e164(), p.valid(), p.type());
      }, PHONE_TYPE);

  private TransformUdfs() {}

  /** {@link TextFunctions#lookupWords} over {@code table} (keys lower case), which the UDF carries. */
  static UserDefinedFunction lookupWords(Map<String, String> table) {
    Map<String, String> words = new HashMap<>(table);
    return string(s -> TextFunctions.lookupWords(s, words));
  }

  private static UserDefinedFunction string(UDF1<String, String> f) {
    return functions.udf(f, DataTypes.StringType);
  }
}
