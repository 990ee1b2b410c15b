package io.aurum.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes a multi-source universe of customers with ground truth: CRM (CSV), e-commerce users and orders
 * (JSON lines), ERP accounts and invoices (pipe-separated CSV in GBK) and service-desk contacts (CSV), each
 * customer entity with a small defects file beside it; {@code truth.csv} (source, source_id, customer_id)
 * and {@code purchase_model.json}. Everything is computed on Spark from (seed, customer id), so it scales
 * to millions of customers and the same seed always gives the same files. Small outputs become single
 * files; large ones are directories of part files (both match the sample rule files' globs).
 */
public final class UniverseGenerator {
  private static final long CUSTOMERS_PER_PARTITION = 250_000;

  /**
   * @param customers  number of true customers
   * @param seed       randomness seed
   * @param out        output directory (local path or URI)
   * @param firstDay   earliest customer start date
   * @param lastDay    end of the observation window (the extract date)
   * @param defectRate defective lines per customer record written to each defects file
   */
  public record Settings(long customers, long seed, String out, LocalDate firstDay, LocalDate lastDay,
                         double defectRate) {}

  /** One generated file and the records written to it. */
  public record Output(String path, long records) {}

  /** Builds the rows of one file from a person. */
  private interface RowSource extends Serializable {
    List<Row> rows(Person p);
  }

  /** One output file: where, how it is written, and what it holds. */
  private record Spec(String path, String format, Map<String, String> options, StructType schema, RowSource rows) {}

  private final SparkSession spark;
  private final Settings settings;

  public UniverseGenerator(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public List<Output> generate() {
    // Spark 4 writes CSV only in UTF-8/16/32, ASCII and Latin-1 unless Java charsets are allowed; ERP needs GBK.
    spark.conf().set("spark.sql.legacy.javaCharsets", "true");
    PersonFactory people = new PersonFactory(settings.seed(), settings.firstDay(), settings.lastDay());
    SystemRecords systems = new SystemRecords(settings.seed(), settings.lastDay());
    Purchases purchases = new Purchases(settings.seed(), settings.lastDay(), PurchaseModel.DEFAULT);
    Map<String, String> csv = Map.of("header", "true", "quote", "\"", "escape", "\"", "encoding", "UTF-8");
    Map<String, String> erpCsv = Map.of("header", "true", "sep", "|", "quote", "\"", "escape", "\"", "encoding", "GBK");
    List<Spec> specs = List.of(
        new Spec("crm/customers.csv", "csv", csv, SystemRecords.CRM, systems::crm),
        new Spec("ecommerce/users.jsonl", "json", Map.of(), SystemRecords.ECOMMERCE, systems::ecommerce),
        new Spec("ecommerce/orders.jsonl", "json", Map.of(), Purchases.ECOMMERCE_ORDERS, purchases::ecommerceOrders),
        new Spec("erp/accounts.csv", "csv", erpCsv, SystemRecords.ERP, systems::erp),
        new Spec("erp/invoices.csv", "csv", erpCsv, Purchases.ERP_INVOICES, purchases::erpInvoices),
        new Spec("servicedesk/contacts.csv", "csv", csv, SystemRecords.SERVICEDESK, systems::servicedesk),
        new Spec("truth.csv", "csv", csv, SystemRecords.TRUTH, systems::truth));

    List<Output> outputs = new ArrayList<>();
    for (Spec spec : specs) {
      outputs.add(write(spec, people));
    }
    int defects = (int) Math.max(4, Math.round(settings.customers() * settings.defectRate()));
    outputs.add(writeLines("crm/customers-defects.csv", header(SystemRecords.CRM, ','), StandardCharsets.UTF_8,
        Defects.csv(defects, SystemRecords.CRM.size(), ',', StandardCharsets.UTF_8, "CRMX")));
    outputs.add(writeLines("ecommerce/users-defects.jsonl", null, StandardCharsets.UTF_8,
        Defects.json(defects, "user_id", StandardCharsets.UTF_8)));
    Charset gbk = Charset.forName("GBK");
    outputs.add(writeLines("erp/accounts-defects.csv", header(SystemRecords.ERP, '|'), gbk,
        Defects.csv(defects, SystemRecords.ERP.size(), '|', gbk, "KHX")));
    outputs.add(writeLines("servicedesk/contacts-defects.csv", header(SystemRecords.SERVICEDESK, ','),
        StandardCharsets.UTF_8, Defects.csv(defects, SystemRecords.SERVICEDESK.size(), ',', StandardCharsets.UTF_8, "SDX")));
    outputs.add(writeLines("purchase_model.json", null, StandardCharsets.UTF_8, List.of(PurchaseModel.DEFAULT.toJson(
        settings.customers(), settings.seed(), settings.firstDay().toString(), settings.lastDay().toString())
        .strip().getBytes(StandardCharsets.UTF_8))));
    return outputs;
  }

  private Output write(Spec spec, PersonFactory people) {
    int partitions = (int) Math.max(1, (settings.customers() + CUSTOMERS_PER_PARTITION - 1) / CUSTOMERS_PER_PARTITION);
    LongAccumulator written = spark.sparkContext().longAccumulator(spec.path());
    RowSource source = spec.rows();
    JavaRDD<Row> rows = spark.range(0, settings.customers(), 1, partitions).javaRDD().flatMap(id -> {
      List<Row> r = source.rows(people.person(id));
      written.add(r.size());
      return r.iterator();
    });
    Path target = new Path(settings.out(), spec.path());
    Path staging = new Path(settings.out(), spec.path() + "._staging");
    spark.createDataFrame(rows, spec.schema()).write().mode(SaveMode.Overwrite).format(spec.format())
        .options(spec.options()).save(staging.toString());
    publish(staging, target);
    return new Output(target.toString(), written.value());
  }

  /** A single part file becomes the target file; several become a directory named like the target. */
  private void publish(Path staging, Path target) {
    try {
      FileSystem fs = staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(target, true);
      List<Path> parts = new ArrayList<>();
      for (FileStatus f : fs.listStatus(staging)) {
        String name = f.getPath().getName();
        if (name.startsWith("part-")) {
          parts.add(f.getPath());
        } else {
          fs.delete(f.getPath(), false);
        }
      }
      if (parts.size() == 1) {
        fs.rename(parts.get(0), target);
        fs.delete(staging, true);
        dropChecksum(fs, target);
      } else {
        fs.rename(staging, target);
        parts.forEach(part -> dropChecksum(fs, new Path(target, part.getName())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish " + target + ": " + e.getMessage(), e);
    }
  }

  private Output writeLines(String relative, String header, Charset charset, List<byte[]> lines) {
    Path path = new Path(settings.out(), relative);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(path, true)) {
        if (header != null) {
          out.write((header + "\n").getBytes(charset));
        }
        for (byte[] line : lines) {
          out.write(line);
          out.write('\n');
        }
      }
      dropChecksum(fs, path);
      return new Output(path.toString(), lines.size());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** The local file system writes a hidden .crc beside each file; generated data sets do not need it. */
  private static void dropChecksum(FileSystem fs, Path file) {
    try {
      fs.delete(new Path(file.getParent(), "." + file.getName() + ".crc"), false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the checksum of " + file + ": " + e.getMessage(), e);
    }
  }

  private static String header(StructType schema, char delimiter) {
    return String.join(String.valueOf(delimiter), schema.fieldNames());
  }
}
