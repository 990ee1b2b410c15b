package io.aurum.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.config.AurumConfig;
import io.aurum.config.CanonicalEntity;
import io.aurum.config.ConfigLoader;
import io.aurum.config.EntityRule;
import io.aurum.config.SourceRule;
import io.aurum.ingest.IngestOutputs;
import io.aurum.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.codegen.ByteCodeStats;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple3;

/**
 * {@link GeneratedMethodBoundary}: the rows and schema stay as they were, and with the shipped rules no method Spark
 * generates for the standardize plans is too long for HotSpot to compile (8,000 bytes); every projection of those
 * plans is in whole-stage generated code.
 */
@ExtendWith(SparkTest.class)
class GeneratedMethodBoundaryTest {
  /** HotSpot's {@code HugeMethodLimit}: longer methods are not compiled while {@code DontCompileHugeMethods} holds. */
  private static final int HUGE_METHOD_BYTES = 8_000;

  @TempDir
  Path dir;

  @Test
  void theRowsAndTheirSchemaAreUnchanged() {
    Dataset<Row> rows = SparkTest.spark().sql("SELECT 'crm' AS source, CAST(NULL AS STRING) AS email, "
        + "map('tier', 'gold') AS attributes, 7L AS n UNION ALL SELECT 'erp', 'a@b.com', map(), NULL");
    Dataset<Row> after = GeneratedMethodBoundary.after(rows);
    assertEquals(rows.schema(), after.schema(), "names, types and nullability");
    assertEquals(rows.collectAsList(), after.collectAsList());
  }

  @Test
  void noGeneratedMethodOfTheShippedRulesIsTooLongToCompile() {
    for (Map.Entry<CanonicalEntity, Dataset<Row>> plan : shippedPlans().entrySet()) {
      Map<String, Integer> methods = longestMethods(plan.getValue());
      assertTrue(methods.size() > 1, plan.getKey() + ": generated code found");
      methods.forEach((stage, bytes) ->
          assertTrue(bytes < HUGE_METHOD_BYTES, plan.getKey() + ": " + stage + ": " + bytes));
    }
  }

  /**
   * Every projection of the shipped rules runs inside whole-stage generated code. One expression Spark cannot
   * generate code for (a lambda's {@code filter}, {@code array_sort}) takes its projection out, and the rows are
   * copied into and out of it between two generated stages.
   */
  @Test
  void everyProjectionOfTheShippedRulesIsInWholeStageGeneratedCode() {
    for (Map.Entry<CanonicalEntity, Dataset<Row>> plan : shippedPlans().entrySet()) {
      List<String> outside = new ArrayList<>();
      withoutAdaptiveExecution(() -> projectionsOutsideGeneratedCode(
          ((org.apache.spark.sql.classic.Dataset<Row>) plan.getValue()).queryExecution().executedPlan(), false,
          outside));
      assertEquals(List.of(), outside, plan.getKey().toString());
    }
  }

  private static void projectionsOutsideGeneratedCode(SparkPlan node, boolean generated, List<String> found) {
    if (node instanceof ProjectExec && !generated) {
      found.add(node.simpleString(120));
    }
    boolean below = node instanceof WholeStageCodegenExec || (generated && !(node instanceof InputAdapter));
    node.children().foreach(child -> {
      projectionsOutsideGeneratedCode(child, below, found);
      return null;
    });
  }

  /** The customers' and orders' silver plans of the shipped rules, over empty bronze files of every source. */
  private Map<CanonicalEntity, Dataset<Row>> shippedPlans() {
    SparkSession spark = SparkTest.spark();
    Path conf = Path.of("..", "conf", "application.conf").toAbsolutePath().normalize();
    AurumConfig config = ConfigLoader.load(new ConfigLoader.Request(conf, List.of(), Map.of(),
        Map.of("aurum.lakehouse", dir.resolve("lakehouse").toString())));
    StandardizeRules rules = StandardizeRules.load(Path.of(config.rulesDir()), config.sources());
    Map<CanonicalEntity, Dataset<Row>> canonical = new EnumMap<>(CanonicalEntity.class);
    for (SourceRule source : config.sources()) {
      for (EntityRule rule : source.entities()) {
        // Read from a file: over rows in memory the optimizer would evaluate the projections itself.
        Path bronze = dir.resolve(rule.tableName());
        spark.createDataFrame(List.of(), IngestOutputs.bronzeSchema(rule)).write().parquet(bronze.toString());
        Dataset<Row> rows = spark.read().schema(IngestOutputs.bronzeSchema(rule)).parquet(bronze.toString());
        canonical.merge(rule.entity(), CanonicalProjection.project(rows, rule), Dataset::unionByName);
      }
    }
    Map<CanonicalEntity, Dataset<Row>> silver = new EnumMap<>(CanonicalEntity.class);
    canonical.forEach((entity, rows) -> silver.put(entity,
        RecordStandardizer.apply(CurrentRecords.select(rows, Set.of()), rules.pipelines(entity))));
    silver.put(CanonicalEntity.CUSTOMERS, StandardizeStage.withValueHash(
        RecordStandardizer.withMatchKeys(silver.get(CanonicalEntity.CUSTOMERS), rules.matchKeys())));
    silver.put(CanonicalEntity.ORDERS, rules.orderAmounts().apply(silver.get(CanonicalEntity.ORDERS)));
    return silver;
  }

  /** The longest method of each whole-stage generated class of the plan, by its number and top operator. */
  private static Map<String, Integer> longestMethods(Dataset<Row> plan) {
    Map<String, Integer> longest = new TreeMap<>();
    withoutAdaptiveExecution(() -> {
      var stages = ((org.apache.spark.sql.classic.Dataset<Row>) plan).queryExecution().debug().codegenToSeq();
      List<Tuple3<String, String, ByteCodeStats>> list = new ArrayList<>();
      stages.foreach(list::add);
      for (Tuple3<String, String, ByteCodeStats> stage : list) {
        String top = stage._1().lines().findFirst().orElse("");
        longest.put("stage " + longest.size() + " " + top.substring(0, Math.min(60, top.length())),
            stage._3().maxMethodCodeSize());
      }
    });
    return longest;
  }

  /** Runs {@code planning} with adaptive execution off: it plans a stage only when the stage runs. */
  private static void withoutAdaptiveExecution(Runnable planning) {
    SparkSession spark = SparkTest.spark();
    String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    try {
      planning.run();
    } finally {
      spark.conf().set("spark.sql.adaptive.enabled", adaptive);
    }
  }
}
