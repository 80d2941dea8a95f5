package org.citizendata.collaborative.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application as its own operating-system process, as a server runs it: the jar,
 * the {@code postgres} profile with the demo data, a database of the test's, mail to the test's
 * SMTP server. Needs the jar, so tests that use it run in the {@code integration-test} phase.
 */
public final class ApplicationProcess implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "a-long-process-test-password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ApplicationProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node on the database and waits until it answers as the administrator, the demo data loaded. */
    public static ApplicationProcess start(String name, String databaseUrl, String... arguments) throws Exception {
        int port = freePort();
        Path dir = Files.createDirectories(Path.of("target", "processes").toAbsolutePath());
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=UTC", "-jar", packagedJar().toString(), "--server.port=" + port, "--management.endpoint.health.probes.enabled=true"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = new HashMap<>(Map.of("SPRING_PROFILES_ACTIVE", "postgres,demo",
                "DB_URL", databaseUrl, "DB_USER", TestPostgres.USER, "DB_PASSWORD", TestPostgres.PASSWORD,
                "ADMIN_PASSWORD", ADMIN_PASSWORD, "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(TestMail.port())));
        builder.environment().putAll(environment);
        ApplicationProcess node = new ApplicationProcess(builder.start(), port, log);
        node.awaitReady(Duration.ofMinutes(3));
        return node;
    }

    public int port() {
        return port;
    }

    public RestClient as(String userId, String password) {
        return RestClient.as(port, userId, password);
    }

    public RestClient administrator() {
        return as("admin", ADMIN_PASSWORD);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no transaction finished, no lock released. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A graceful stop (SIGTERM), as a service manager does it. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Ready once Spring Boot accepts traffic: after the start-up listeners (the demo data among them) have run. */
    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The application stopped: see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Not ready within " + timeout + ": see " + log);
    }

    public static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("collaborative-workflows-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No packaged jar under target/: run in the integration-test phase"))
                    .toAbsolutePath();
        }
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
