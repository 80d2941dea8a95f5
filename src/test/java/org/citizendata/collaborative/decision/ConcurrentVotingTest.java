package org.citizendata.collaborative.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.ConflictRetryPlugin;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL, the ten Steering Committee organisations complete their vote tasks over HTTP at
 * the same instant, twenty ballots in a row: every vote counts, every result is right, and no
 * voter sees an error.
 */
class ConcurrentVotingTest extends PostgresApplicationTest {

    static final int BALLOTS = 20;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    Ballots ballots;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void tenOrganisationsVotingAtTheSameInstantLoseNothing() throws Exception {
        BallotDriver driver = new BallotDriver(engine, organisations);
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        List<ProcessInstance> decisions = new ArrayList<>();
        ExecutorService voters = Executors.newFixedThreadPool(10);
        try {
            for (int round = 0; round < BALLOTS; round++) {
                ProcessInstance decision = driver.start("concurrent " + round + " " + System.nanoTime(), Map.of());
                decisions.add(decision);
                List<Task> tasks = driver.tasks(decision);
                assertThat(tasks).hasSize(10);
                CyclicBarrier together = new CyclicBarrier(tasks.size());
                List<Future<?>> cast = new ArrayList<>();
                for (int i = 0; i < tasks.size(); i++) {
                    Task task = tasks.get(i);
                    String choice = i < 7 ? "approve" : i < 9 ? "reject" : "abstain";
                    String organisation = task.getName() == null ? null : organisationOf(task);
                    RestClient voter = RestClient.as(port, driver.representativeOf(organisation), DEMO_PASSWORD);
                    cast.add(voters.submit(() -> {
                        together.await();
                        RestClient.Response response = voter.post("/engine-rest/task/" + task.getId() + "/complete",
                                "{\"variables\":{\"choice\":{\"value\":\"" + choice + "\"}}}");
                        if (response.status() != 204) {
                            errors.add(organisation + ": " + response.status() + " " + response.body());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : cast) {
                    f.get();
                }
            }
        } finally {
            voters.shutdown();
        }

        assertThat(errors).isEmpty();
        long deadline = System.currentTimeMillis() + 120_000;
        while (decisions.stream().anyMatch(d -> !driver.ended(d)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        for (ProcessInstance decision : decisions) {
            assertThat(driver.ended(decision)).as("ballot %s finished", decision.getBusinessKey()).isTrue();
            String ballotId = driver.ballotId(decision);
            assertThat(jdbc.queryForObject("select count(*) from vote where ballot_id = ?", Integer.class, ballotId))
                    .isEqualTo(10);
            assertThat(ballots.find(ballotId).orElseThrow().resultSentence())
                    .isEqualTo("Approved: 7 approve, 2 reject, 1 abstain of 10 eligible; quorum of 6 met");
        }
        // No asynchronous step of these ballots failed (mail deliveries are other processes).
        for (ProcessInstance decision : decisions) {
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(decision.getId())
                    .withException().count()).isZero();
            assertThat(engine.getHistoryService().createHistoricIncidentQuery().processInstanceId(decision.getId())
                    .count()).isZero();
        }
    }

    @Test
    void taskCompletionsAreRetriedOnConflict() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCustomPreCommandInterceptorsTxRequired())
                .anyMatch(ConflictRetryPlugin.RetryOnConflict.class::isInstance);
    }

    private String organisationOf(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> link.getGroupId() != null && link.getGroupId().startsWith("org-"))
                .map(link -> link.getGroupId().substring("org-".length())).findFirst().orElseThrow();
    }
}
