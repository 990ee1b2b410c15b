package io.aurum.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the files of one extract: expands {@code ${run_date}} in a source's path, resolves it below the
 * landing area, expands the glob (a matching directory contributes its visible files), and hashes each
 * file's content. Works on any Hadoop file system (local, HDFS, S3).
 */
public final class ExtractFiles {
  public static final String RUN_DATE_TOKEN = "${run_date}";

  private ExtractFiles() {}

  /** The glob for tonight's extract: landing + path, with the run date filled in. */
  public static String resolve(String landing, String path, LocalDate runDate) {
    String p = path.replace(RUN_DATE_TOKEN, runDate.toString());
    if (p.startsWith("/") || p.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
      return p;
    }
    return landing.endsWith("/") ? landing + p : landing + "/" + p;
  }

  /** Matching files sorted by path, each with its SHA-256; empty when nothing matches. */
  public static List<ExtractUnit> discover(String glob, Configuration hadoopConf) {
    try {
      Path pattern = new Path(glob);
      FileSystem fs = pattern.getFileSystem(hadoopConf);
      FileStatus[] matches = fs.globStatus(pattern);
      List<FileStatus> files = new ArrayList<>();
      if (matches != null) {
        for (FileStatus m : matches) {
          if (m.isDirectory()) {
            for (FileStatus child : fs.listStatus(m.getPath())) {
              if (child.isFile() && visible(child.getPath())) {
                files.add(child);
              }
            }
          } else if (visible(m.getPath())) {
            files.add(m);
          }
        }
      }
      files.sort(Comparator.comparing(f -> f.getPath().toString()));
      List<ExtractUnit> out = new ArrayList<>();
      for (FileStatus f : files) {
        out.add(new ExtractUnit(f.getPath().toString(), sha256(fs, f.getPath()), f.getLen()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list extract files " + glob + ": " + e.getMessage(), e);
    }
  }

  private static boolean visible(Path p) {
    String name = p.getName();
    return !name.startsWith("_") && !name.startsWith(".");
  }

  private static String sha256(FileSystem fs, Path path) throws IOException {
    try (InputStream in = new DigestInputStream(fs.open(path), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // the digest stream hashes what passes through
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
