package org.citizendata.collaborative.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.citizendata.collaborative.testsupport.ApplicationProcess;
import org.citizendata.collaborative.testsupport.BenchmarkScale;
import org.citizendata.collaborative.testsupport.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: how long the packaged application takes until Tasklist answers, and its
 * resident memory once idle, for the embedded default and the {@code postgres} profile, each with
 * the demo data on an empty database. The application is launched as the Docker image launches it
 * (docker/Dockerfile): the jar extracted, with a class-data-sharing archive from a training start,
 * and the image's JVM options; the plain {@code java -jar} is measured beside it. Needs the jar:
 * it runs in the {@code integration-test} phase. Prints a table and writes
 * {@code target/benchmarks/startup.csv}.
 */
@Tag("benchmark")
class StartupBenchmark {

    static final boolean SMOKE = BenchmarkScale.SMOKE;
    static final int RUNS = SMOKE ? 1 : 3;
    static final Duration IDLE = SMOKE ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
    static final Path WORK = Path.of("target", "benchmarks", "startup").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(2)).build();

    record Run(double tasklistSeconds, double startedInSeconds, long idleRssMb) {
    }

    @Test
    void startUpAndIdleMemory() throws Exception {
        Path jar = ApplicationProcess.packagedJar();
        List<String> options = imageJvmOptions();
        Path extracted = WORK.resolve("application");
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        run(List.of(ApplicationProcess.java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString()),
                WORK);
        Path application = extracted.resolve(jar.getFileName());
        Path archive = extracted.resolve("application.jsa");
        // The training start, as the image's build does it: the context starts, then the JVM exits.
        List<String> training = new ArrayList<>(List.of(ApplicationProcess.java()));
        training.addAll(options);
        training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
                application.toString()));
        Path trainingDir = Files.createDirectories(WORK.resolve("training"));
        run(training, trainingDir);
        assertThat(archive).exists();

        List<String> lines = new ArrayList<>();
        for (String profile : List.of("default", "postgres")) {
            List<String> image = new ArrayList<>(options);
            image.add("-XX:SharedArchiveFile=" + archive);
            lines.add(line(profile, "as the image runs it (extracted, CDS)", median(profile, image, application)));
            lines.add(line(profile, "plain java -jar, same options", median(profile, options, jar)));
        }
        String table = "Start-up and idle memory (" + (SMOKE ? "smoke" : "full") + " run, " + RUNS + " start(s) each, idle "
                + IDLE.toSeconds() + " s; JVM options " + String.join(" ", options) + ")\n"
                + String.format("%-10s %-40s %12s %12s %10s%n", "profile", "launch", "tasklist s", "started s", "idle MB")
                + String.join("\n", lines);
        System.out.println(table);
        Path csv = WORK.getParent().resolve("startup.csv");
        Files.writeString(csv, "profile,launch,tasklist_s,started_in_s,idle_rss_mb\n"
                + String.join("\n", lines.stream().map(l -> l.strip().replaceAll("\\s{2,}", ",")).toList()) + "\n");
    }

    private Run median(String profile, List<String> options, Path jar) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(start(profile, options, jar));
        }
        runs.sort((a, b) -> Double.compare(a.tasklistSeconds(), b.tasklistSeconds()));
        return runs.get(runs.size() / 2);
    }

    /** One start on an empty database: until Tasklist answers; then idle, and its resident memory. */
    private Run start(String profile, List<String> options, Path jar) throws Exception {
        int port = ApplicationProcess.freePort();
        Path dir = Files.createTempDirectory(WORK, profile + "-");
        List<String> command = new ArrayList<>(List.of(ApplicationProcess.java()));
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("application.log").toFile());
        if (profile.equals("postgres")) {
            builder.environment().putAll(Map.of("SPRING_PROFILES_ACTIVE", "postgres,demo",
                    "DB_URL", TestPostgres.newDatabase("startup"), "DB_USER", TestPostgres.USER,
                    "DB_PASSWORD", TestPostgres.PASSWORD, "ADMIN_PASSWORD", "a-long-benchmark-password"));
        }
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            URI tasklistPage = URI.create("http://localhost:" + port + "/camunda/app/tasklist/");
            while (!answers(tasklistPage)) {
                if (!process.isAlive()) {
                    throw new AssertionError("The application stopped: see " + dir.resolve("application.log"));
                }
                if (System.nanoTime() - started > Duration.ofMinutes(3).toNanos()) {
                    throw new AssertionError("Tasklist did not answer within 3 minutes: see " + dir.resolve("application.log"));
                }
                Thread.sleep(50);
            }
            double tasklist = (System.nanoTime() - started) / 1e9;
            Thread.sleep(IDLE.toMillis());
            long rss = residentMegabytes(process.pid());
            Matcher startedIn = Pattern.compile("Started \\S+ in ([0-9.]+) seconds")
                    .matcher(Files.readString(dir.resolve("application.log")));
            return new Run(tasklist, startedIn.find() ? Double.parseDouble(startedIn.group(1)) : Double.NaN, rss);
        } finally {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean answers(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long residentMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("No VmRSS for " + pid);
    }

    /** The JVM options the image runs with: JAVA_OPTS in docker/Dockerfile, so that what is measured is what ships. */
    static List<String> imageJvmOptions() throws IOException {
        Matcher options = Pattern.compile("ENV JAVA_OPTS=\"([^\"]*)\"").matcher(Files.readString(Path.of("docker", "Dockerfile")));
        if (!options.find()) {
            throw new IllegalStateException("docker/Dockerfile has no ENV JAVA_OPTS=\"...\"");
        }
        return List.of(options.group(1).trim().split("\\s+"));
    }

    private static String line(String profile, String launch, Run run) {
        return String.format("%-10s %-40s %12.1f %12.1f %10d", profile, launch, run.tasklistSeconds(), run.startedInSeconds(),
                run.idleRssMb());
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("command.log").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: see " + dir.resolve("command.log"));
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path path : all) {
                Files.delete(path);
            }
        }
    }
}
