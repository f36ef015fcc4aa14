package dev.partnerconsent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A private PostgreSQL cluster for one test class: Debian's server binaries ({@code it.postgres.bin}, by default
 * {@code /usr/lib/postgresql/15/bin}), a data directory under {@code target/}, loopback only on a reserved port, a
 * database {@code partnerconsent} owned by user {@code partnerconsent}. {@code initdb} and {@code pg_ctl} refuse root,
 * so as root they run as {@code postgres} (which then owns the directory). Stopped and removed by {@link #close()}.
 */
public final class PrivatePostgres implements AutoCloseable {

    public static final String DATABASE = "partnerconsent";
    public static final String USER = "partnerconsent";
    /** Not a secret of the app under test: a loopback-only cluster that lives as long as the class. */
    public static final String PASSWORD = "partnerconsent-it";

    private final Path dir;
    private final int port;
    private final Path bin = Path.of(System.getProperty("it.postgres.bin", "/usr/lib/postgresql/15/bin"));

    private PrivatePostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static PrivatePostgres start(Path dir, int port) throws Exception {
        PrivatePostgres pg = new PrivatePostgres(dir.toAbsolutePath(), port);
        pg.init();
        return pg;
    }

    private void init() throws Exception {
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException("No PostgreSQL server at " + bin + ": install Debian's postgresql package"
                    + " (.ci/run does) or set -Dit.postgres.bin");
        }
        ServerProcess.deleteTree(dir);
        Files.createDirectories(dir);
        if (root()) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        Path data = dir.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--no-sync"), true);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start"),
                true);
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
    }

    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the app's user, for reading and altering rows behind the app's back. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(DATABASE), USER, PASSWORD);
    }

    /** Payara asadmin commands defining the pool and {@code jdbc/partnerconsent} on it. */
    public List<String> payaraCommands() {
        return List.of("create-jdbc-connection-pool --restype javax.sql.DataSource"
                        + " --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                        + " --property serverName=127.0.0.1:portNumber=" + port + ":databaseName=" + DATABASE
                        + ":user=" + USER + ":password=" + PASSWORD + " PartnerConsentPool",
                "create-jdbc-resource --connectionpoolid PartnerConsentPool jdbc/partnerconsent");
    }

    /** The jar of the PostgreSQL driver on the test class path, for a server's {@code --addlibs}. */
    public static Path driverJar() throws Exception {
        return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Override
    public void close() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
                    "stop"), true);
        } catch (RuntimeException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        } finally {
            ServerProcess.deleteTree(dir);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres && root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess.runToEnd("postgres", full, dir, Map.of(), dir.getParent().resolve("it-postgres-commands.log"),
                Duration.ofSeconds(120));
    }
}
