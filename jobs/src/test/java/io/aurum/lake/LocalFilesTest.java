package io.aurum.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aurum.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalFiles} is what a session's Hadoop configuration gives for {@code file:} paths, through both of Hadoop's
 * APIs, sets permissions, and reports the status Hadoop's own local file system reports.
 */
@ExtendWith(SparkTest.class)
class LocalFilesTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void theSessionUsesItThroughBothApis() throws Exception {
    Configuration conf = SparkTest.spark().sparkContext().hadoopConfiguration();
    FileSystem fs = new Path(dir.toUri()).getFileSystem(conf);
    assertInstanceOf(LocalFiles.NioLocalFileSystem.class, fs);
    assertInstanceOf(LocalFiles.NioRawLocalFileSystem.class, ((org.apache.hadoop.fs.LocalFileSystem) fs).getRaw());

    // Delta renames its commit files through FileContext: a rename there works and writes Hadoop's checksum file.
    FileContext context = FileContext.getFileContext(dir.toUri(), conf);
    Path temp = new Path(dir.toUri().toString(), ".commit.tmp");
    try (var out = context.create(temp, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE),
        Options.CreateOpts.createParent())) {
      out.write("{}".getBytes());
    }
    Path commit = new Path(dir.toUri().toString(), "00000000000000000000.json");
    context.rename(temp, commit, Options.Rename.NONE);
    assertEquals("{}", Files.readString(dir.resolve("00000000000000000000.json")));
    assertTrue(Files.exists(dir.resolve(".00000000000000000000.json.crc")));
    assertFalse(Files.exists(dir.resolve(".commit.tmp")));
  }

  @Test
  void permissionsAreSetOnTheFile() throws Exception {
    java.nio.file.Path file = Files.writeString(dir.resolve("part-0.parquet"), "x");
    LocalFiles.NioRawLocalFileSystem fs = new LocalFiles.NioRawLocalFileSystem();
    fs.initialize(dir.toUri(), new Configuration());
    fs.setPermission(new Path(file.toUri()), new FsPermission((short) 0754));
    assertEquals("rwxr-xr--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    fs.setPermission(new Path(file.toUri()), new FsPermission((short) 0640));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void filesAndLinksHaveTheStatusHadoopGivesThem() throws Exception {
    java.nio.file.Path file = Files.writeString(dir.resolve("data"), "abc");
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link"), file);
    LocalFiles.NioRawLocalFileSystem fs = new LocalFiles.NioRawLocalFileSystem();
    fs.initialize(dir.toUri(), new Configuration());
    RawLocalFileSystem hadoop = new RawLocalFileSystem();
    hadoop.initialize(dir.toUri(), new Configuration());

    for (java.nio.file.Path p : List.of(file, link)) {
      FileStatus ours = fs.getFileLinkStatus(new Path(p.toUri()));
      FileStatus theirs = hadoop.getFileLinkStatus(new Path(p.toUri()));
      assertEquals(List.of(theirs.getPath(), theirs.isFile(), theirs.isSymlink(), theirs.getLen()),
          List.of(ours.getPath(), ours.isFile(), ours.isSymlink(), ours.getLen()), p.toString());
    }
    assertEquals(3, fs.getFileLinkStatus(new Path(file.toUri())).getLen());
  }
}
