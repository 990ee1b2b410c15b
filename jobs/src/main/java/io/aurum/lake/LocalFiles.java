package io.aurum.lake;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a child process per file. Without Hadoop's native library, which
 * an embedded Spark does not have, {@link RawLocalFileSystem} runs {@code chmod} for every file and directory it
 * creates and {@code readlink} for every status a rename asks for: a Delta commit cost ten processes and every
 * Parquet file one, about 8 ms each on the driver or a task. Here permissions are set and links read through
 * {@code java.nio}; everything else is Hadoop's. {@link DeltaSettings} installs it for {@code file:} paths.
 */
public final class LocalFiles {
  private LocalFiles() {}

  /** The {@code FileSystem} API: Hadoop's checksummed local file system over {@link NioRawLocalFileSystem}. */
  public static final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
      super(new NioRawLocalFileSystem());
    }
  }

  /**
   * The {@code FileContext} API: Hadoop's checksummed local file system over {@link NioRawLocalFileSystem}, as
   * Hadoop's {@code LocalFs} is over {@code RawLocalFs}.
   */
  public static final class NioLocalFs extends ChecksumFs {
    public NioLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new NioRawLocalFs(uri, conf));
    }
  }

  /** Hadoop's {@code RawLocalFs} (which hard-wires its {@code FileSystem}) over {@link NioRawLocalFileSystem}. */
  private static final class NioRawLocalFs extends DelegateToFileSystem {
    NioRawLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new NioRawLocalFileSystem(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }

  /** {@link RawLocalFileSystem} with permissions and link status through {@code java.nio}. */
  public static final class NioRawLocalFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
    }

    /** A path that is not a symbolic link has the status of its file; Hadoop asks a child process to find out. */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      File file = pathToFile(f);
      return Files.isSymbolicLink(file.toPath()) ? super.getFileLinkStatus(f) : getFileStatus(f);
    }
  }

  /** The permission bits of user, group and others (Hadoop's sticky bit has no {@code java.nio} equivalent). */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    add(out, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);
    add(out, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_EXECUTE);
    add(out, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_EXECUTE);
    return out;
  }

  private static void add(Set<PosixFilePermission> out, FsAction action, PosixFilePermission read,
                          PosixFilePermission write, PosixFilePermission execute) {
    if (action.implies(FsAction.READ)) {
      out.add(read);
    }
    if (action.implies(FsAction.WRITE)) {
      out.add(write);
    }
    if (action.implies(FsAction.EXECUTE)) {
      out.add(execute);
    }
  }
}
