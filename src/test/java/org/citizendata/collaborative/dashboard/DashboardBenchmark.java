package org.citizendata.collaborative.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.citizendata.collaborative.testsupport.BenchmarkScale;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a timed test: a benchmark, run with {@code mvn verify -Pbenchmark}. It adds 1,000 active
 * workstreams and 10,000 open tasks (a report task for each workstream, the rest spread over the
 * organisations, half of them overdue) to the application on PostgreSQL, then times the
 * dashboard's data and its page. Prints a table and writes {@code target/benchmarks/dashboard.csv}.
 */
@Tag("benchmark")
class DashboardBenchmark extends PostgresApplicationTest {

    static final boolean SMOKE = BenchmarkScale.SMOKE;
    static final int WORKSTREAMS = SMOKE ? 20 : 1_000;
    static final int TASKS = SMOKE ? 200 : 10_000;
    static final int RUNS = SMOKE ? 3 : 30;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    Dashboard dashboard;

    @Test
    void dashboardWithAThousandWorkstreamsAndTenThousandOpenTasks() throws Exception {
        long loadStart = System.nanoTime();
        for (int i = 0; i < WORKSTREAMS; i++) {
            String key = String.format("bench-%04d", i);
            proposal(key, "APPROVED");
            jdbc.update("insert into workstream (workstream_key, title, status, start_date, planned_end, reporting_months)"
                    + " values (?, ?, 'ACTIVE', ?, ?, 3)", key, "Benchmark workstream " + i, Date.valueOf(LocalDate.now()),
                    Date.valueOf(LocalDate.now().plusYears(2)));
            if (i % 10 == 0) {
                proposal(key + "-next", "CHECKING");
            }
        }
        BpmnModelInstance model = Bpmn.createExecutableProcess("dashboard-load").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_SubmitReport").camundaCandidateGroups("${group}").camundaDueDate("${due}")
                .endEvent().done();
        repositoryService.createDeployment().name("dashboard-benchmark").addModelInstance("dashboard-load.bpmn", model).deploy();
        List<String> groups = jdbc.queryForList("select 'org-' || id from organisation order by id", String.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> starts = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            int n = i;
            starts.add(pool.submit(() -> runtimeService.startProcessInstanceByKey("dashboard-load",
                    n < WORKSTREAMS ? String.format("bench-%04d", n) : "bench-task-" + n,
                    Map.of("group", groups.get(n % groups.size()),
                            "due", java.util.Date.from(Instant.now().plusSeconds(n % 2 == 0 ? -86_400 : 86_400 * 30))))));
        }
        for (Future<?> start : starts) {
            start.get();
        }
        pool.shutdown();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long openTasks = jdbc.queryForObject("select count(*) from act_ru_task", Long.class);

        Dashboard.Viewer secretariat = new Dashboard.Viewer(true);
        for (int i = 0; i < 5; i++) {
            dashboard.view(secretariat);
        }
        List<Double> data = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            Dashboard.View view = dashboard.view(secretariat);
            data.add((System.nanoTime() - start) / 1e6);
            rows = view.tables().stream().mapToInt(t -> t.rows().size()).sum();
        }
        RestClient client = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD);
        List<Double> page = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            RestClient.Response response = client.get("/dashboard");
            page.add((System.nanoTime() - start) / 1e6);
            if (response.status() != 200) {
                throw new AssertionError("Dashboard answered " + response.status());
            }
        }

        String table = String.format("""
                Dashboard benchmark (PostgreSQL, %d active workstreams, %d open tasks, %d table rows; load %.1f s)
                measure                        p50 ms   p95 ms   max ms
                dashboard data (service)     %8.1f %8.1f %8.1f
                dashboard page over HTTP     %8.1f %8.1f %8.1f
                """, jdbc.queryForObject("select count(*) from workstream where status = 'ACTIVE'", Long.class), openTasks,
                rows, loadSeconds, percentile(data, 50), percentile(data, 95), Collections.max(data), percentile(page, 50),
                percentile(page, 95), Collections.max(page));
        System.out.println(table);
        Path out = Path.of("target", "benchmarks", "dashboard.csv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "measure,p50_ms,p95_ms,max_ms,workstreams,open_tasks\n"
                + String.format("data,%.1f,%.1f,%.1f,%d,%d%n", percentile(data, 50), percentile(data, 95), Collections.max(data),
                        WORKSTREAMS, openTasks)
                + String.format("page,%.1f,%.1f,%.1f,%d,%d%n", percentile(page, 50), percentile(page, 95), Collections.max(page),
                        WORKSTREAMS, openTasks));
    }

    private void proposal(String key, String status) {
        jdbc.update("insert into workstream_proposal (proposal_key, title, objectives, scope, terms_of_reference,"
                + " duration_months, deliverables, leads, proposer_user_id, proposer_organisation_id, status, created_at,"
                + " updated_at) values (?, ?, 'o', 's', 't', 24, 'd', 'kofi.gss', 'kofi.gss', 'gss', ?, current_timestamp,"
                + " current_timestamp)", key, "Benchmark proposal " + key, status);
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
