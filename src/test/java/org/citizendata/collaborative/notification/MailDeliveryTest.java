package org.citizendata.collaborative.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citizendata.collaborative.testsupport.MailboxAssertions.awaitMails;
import static org.citizendata.collaborative.testsupport.MailboxAssertions.received;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.testsupport.MailboxAssertions.Received;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.citizendata.collaborative.testsupport.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Delivery through the outbox when the mail server goes away, and when an address is wrong. */
class MailDeliveryTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MailOutbox outbox;

    @BeforeEach
    void deploy() {
        if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("mail-test").count() == 0) {
            engine.getRepositoryService().createDeployment().name("mail tests")
                    .addClasspathResource("test-models/mail-test.bpmn").deploy();
        }
        TestMail.purge();
    }

    @AfterEach
    void mailServerIsBack() {
        TestMail.start();
    }

    @Test
    void fiftyTasksCreatedWhileTheMailServerIsDownAreAllMailedExactlyOnceWhenItIsBack() throws Exception {
        String batch = UUID.randomUUID().toString();
        TestMail.stop();
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // Each start is a user's action: none may fail because the mail server is away.
            taskIds.add(startTask("Outage " + batch + " #" + i, "kofi.gss").getId());
        }
        awaitFailedAttempts(batch, 10);

        TestMail.start();
        List<Received> mails = awaitMails(50, m -> m.subject().contains(batch), 60_000);
        Thread.sleep(3000); // any duplicate would arrive meanwhile

        List<Received> all = received(m -> m.subject().contains(batch));
        assertThat(all).hasSize(50);
        Map<String, Long> perTask = all.stream().collect(Collectors.groupingBy(
                m -> m.text().replaceAll("(?s).*task=([0-9a-f-]+).*", "$1"), Collectors.counting()));
        assertThat(perTask.keySet()).containsExactlyInAnyOrderElementsOf(taskIds);
        assertThat(perTask.values()).containsOnly(1L);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where subject like ? and status = 'SENT'",
                Integer.class, "%" + batch + "%")).isEqualTo(50);
        assertThat(mails).isNotEmpty();
    }

    @Test
    void aMalformedAddressEndsAsAVisibleFailureWithItsReasonAndTheSecretariatCanCorrectIt() throws Exception {
        String userId = "broken" + System.nanoTime();
        IdentityService identity = engine.getIdentityService();
        User user = identity.newUser(userId);
        user.setFirstName("Broken");
        user.setLastName("Address");
        user.setEmail("not an address");
        identity.saveUser(user);
        String name = "Malformed " + UUID.randomUUID();
        startTask(name, userId);

        Map<String, Object> failed = awaitStatus(name, "FAILED");
        assertThat((String) failed.get("last_error")).startsWith("Malformed recipient address 'not an address'");
        assertThat(deliveriesRunning((String) failed.get("batch_id"))).as("its delivery ended: no retrying").isZero();
        Task resolve = engine.getTaskService().createTaskQuery().processInstanceBusinessKey((String) failed.get("id"))
                .taskDefinitionKey("Task_ResolveUndeliverableMail").singleResult();
        assertThat(resolve).isNotNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(resolve.getId()))
                .anyMatch(link -> "secretariat".equals(link.getGroupId()));

        RestClient secretariat = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD);
        // Refused with a message, the task kept: an address longer than mail allows, an answer of the wrong type.
        RestClient.Response tooLong = secretariat.post("/engine-rest/task/" + resolve.getId() + "/complete",
                "{\"variables\":{\"resolution\":{\"value\":\"resend\"},\"correctedAddress\":{\"value\":\""
                        + "a".repeat(300) + "@demo.citizendata.example\"}}}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("correctedAddress: a mail address has at most 254 characters");
        RestClient.Response wrongType = secretariat.post("/engine-rest/task/" + resolve.getId() + "/complete",
                "{\"variables\":{\"resolution\":{\"value\":true,\"type\":\"Boolean\"}}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("resolution: choose to resend or to discard the mail");

        RestClient.Response done = secretariat.post(
                "/engine-rest/task/" + resolve.getId() + "/complete",
                "{\"variables\":{\"resolution\":{\"value\":\"resend\"},\"correctedAddress\":{\"value\":\"fixed@demo.citizendata.example\"}}}");
        assertThat(done.status()).isEqualTo(204);

        List<Received> mails = awaitMails(1, m -> m.subject().contains(name), 20_000);
        assertThat(mails).extracting(Received::to).containsExactly("fixed@demo.citizendata.example");
        assertThat(awaitStatus(name, "SENT")).isNotNull();
    }

    @Test
    void theMailOfOneActionIsOneDeliveryAndAnUndeliverableAddressDoesNotHoldUpTheOthers() throws Exception {
        String suffix = String.valueOf(System.nanoTime());
        IdentityService identity = engine.getIdentityService();
        String group = "batch" + suffix;
        Group created = identity.newGroup(group);
        created.setName("Batch " + suffix);
        identity.saveGroup(created);
        for (String[] person : new String[][] {{"ada", "ada" + suffix + "@demo.citizendata.example"},
                {"bruno", "not an address"}, {"chen", "chen" + suffix + "@demo.citizendata.example"}}) {
            User user = identity.newUser(person[0] + suffix);
            user.setFirstName(person[0]);
            user.setLastName("Batch");
            user.setEmail(person[1]);
            identity.saveUser(user);
            identity.createMembership(user.getId(), group);
        }
        String name = "Batch " + UUID.randomUUID();
        // The server away at first, so that the delivery waits for its retry and can be counted.
        TestMail.stop();
        startTask(name, null, group);
        awaitFailedAttempts(name, 1);
        List<String> batches = jdbc.queryForList("select distinct batch_id from mail_outbox where subject like ?",
                String.class, "%" + name + "%");
        assertThat(batches).hasSize(1);
        assertThat(deliveriesRunning(batches.get(0))).as("one delivery for three mails").isEqualTo(1);
        TestMail.start();

        List<Received> mails = awaitMails(2, m -> m.subject().contains(name), 20_000);
        assertThat(mails).extracting(Received::to).containsExactlyInAnyOrder("ada" + suffix + "@demo.citizendata.example",
                "chen" + suffix + "@demo.citizendata.example");
        Map<String, Object> failed = awaitStatus(name, "FAILED");
        assertThat(deliveriesRunning(batches.get(0))).as("its delivery ended").isZero();
        // The outbox is the record of a delivery: the engine keeps no history of it.
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("mail-delivery")
                .count()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_actinst where proc_def_key_ = 'mail-delivery'",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_job_log where process_def_key_ = 'mail-delivery'",
                Integer.class)).isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("mail-test")
                .count()).as("other processes keep theirs").isPositive();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey((String) failed.get("id"))
                .taskDefinitionKey("Task_ResolveUndeliverableMail").count()).isEqualTo(1);
        Thread.sleep(1000); // a second delivery would send them again meanwhile
        assertThat(received(m -> m.subject().contains(name))).hasSize(2);
    }

    @Test
    void aDeliveryThatRunsOutOfRetriesIsAnIncidentAndTheSecretariatResendsIt() throws Exception {
        String name = "Incident " + UUID.randomUUID();
        String mailId = mailFailingWhileTheServerIsDown(name);
        // The test cycle retries after 1, 2, 3, 4 and 5 seconds: then the job has no retries left.
        String delivery = deliveryOf(mailId);
        long deadline = System.currentTimeMillis() + 60_000;
        while (engine.getManagementService().createJobQuery().processInstanceId(delivery).noRetriesLeft().count() == 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(delivery)
                .incidentType("failedJob").count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select attempts from mail_outbox where id = ?", Integer.class, mailId)).isEqualTo(6);
        TestMail.start();

        assertThat(RestClient.as(port, "kofi.gss", DEMO_PASSWORD).post("/api/mail/outbox/" + mailId + "/resend", "")
                .status()).isEqualTo(403);
        RestClient.Response resent = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD)
                .post("/api/mail/outbox/" + mailId + "/resend", "");
        assertThat(resent.status()).isEqualTo(202);

        assertThat(awaitMails(1, m -> m.subject().contains(name), 20_000)).hasSize(1);
        assertThat(awaitStatus(name, "SENT")).isNotNull();
        assertThat(RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD).post("/api/mail/outbox/" + mailId + "/resend", "")
                .status()).isEqualTo(409);
    }

    @Test
    void theSecretariatReadsTheOutboxAndMembersDoNot() {
        assertThat(RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD).get("/api/mail/outbox").json()).isNotEmpty();
        assertThat(RestClient.as(port, "kofi.gss", DEMO_PASSWORD).get("/api/mail/outbox").status()).isEqualTo(403);
        assertThat(RestClient.anonymous(port).get("/api/mail/outbox").status()).isEqualTo(401);
    }

    @Test
    void aMailAKilledDeliveryMayHaveHandedOverIsNotSentAgainButGivenToTheSecretariat() throws Exception {
        String name = "Handed over " + UUID.randomUUID();
        String mailId = mailFailingWhileTheServerIsDown(name);
        // Hold the retry, and leave the mail as a delivery killed after the server's answer leaves it.
        org.camunda.bpm.engine.runtime.Job job = engine.getManagementService().createJobQuery()
                .processInstanceId(deliveryOf(mailId)).singleResult();
        engine.getManagementService().setJobDuedate(job.getId(), java.util.Date.from(java.time.Instant.now().plusSeconds(3600)));
        jdbc.update("update mail_outbox set status = 'SENDING' where id = ?", mailId);
        TestMail.start();
        engine.getManagementService().setJobDuedate(job.getId(), new java.util.Date());

        Map<String, Object> failed = awaitStatus(name, "FAILED");
        assertThat((String) failed.get("last_error")).contains("it may have arrived");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(mailId)
                .taskDefinitionKey("Task_ResolveUndeliverableMail").count()).isEqualTo(1);
        Thread.sleep(1000);
        assertThat(received(m -> m.subject().contains(name))).as("sent a second time").isEmpty();
    }

    /** The mail server goes away; a task is mailed; returns the mail once its first attempt has failed. */
    private String mailFailingWhileTheServerIsDown(String name) throws InterruptedException {
        TestMail.stop();
        startTask(name, "maria.psa");
        return (String) awaitFailedAttempts(name, 1).get(0).get("id");
    }

    private long deliveriesRunning(String batch) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("mail-delivery")
                .processInstanceBusinessKey(batch).count();
    }

    /** The mail-delivery instance of a mail: its business key is the mail's batch. */
    private String deliveryOf(String mailId) {
        String batch = jdbc.queryForObject("select batch_id from mail_outbox where id = ?", String.class, mailId);
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("mail-delivery")
                .processInstanceBusinessKey(batch).singleResult().getId();
    }

    private Task startTask(String name, String assignee) {
        return startTask(name, assignee, "org-gss");
    }

    private Task startTask(String name, String assignee, String candidateGroups) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("taskName", name);
        variables.put("assignee", assignee);
        variables.put("candidateGroups", candidateGroups);
        variables.put("due", null);
        String instance = engine.getRuntimeService().startProcessInstanceByKey("mail-test", variables).getId();
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    }

    private List<Map<String, Object>> awaitFailedAttempts(String subjectPart, int atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        List<Map<String, Object>> failing;
        do {
            Thread.sleep(200);
            failing = jdbc.queryForList("select id, attempts, last_error from mail_outbox where subject like ?"
                    + " and attempts > 0 and status = 'QUEUED'", "%" + subjectPart + "%");
        } while (failing.size() < atLeast && System.currentTimeMillis() < deadline);
        assertThat(failing).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(failing.get(0).get("last_error")).isNotNull();
        return failing;
    }

    private Map<String, Object> awaitStatus(String subjectPart, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<Map<String, Object>> rows = jdbc.queryForList("select * from mail_outbox where subject like ? and status = ?",
                    "%" + subjectPart + "%", status);
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No mail '" + subjectPart + "' reached " + status);
    }
}
