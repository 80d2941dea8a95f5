package org.citizendata.collaborative.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citizendata.collaborative.testsupport.MailboxAssertions.awaitMails;
import static org.citizendata.collaborative.testsupport.MailboxAssertions.received;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.decision.DecisionTaken;
import org.citizendata.collaborative.decision.Outcome;
import org.citizendata.collaborative.decision.VoteReminderDue;
import org.citizendata.collaborative.testsupport.MailboxAssertions.Received;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.citizendata.collaborative.testsupport.StatementCounter;
import org.citizendata.collaborative.testsupport.TestMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Each kind of mail as it reaches a real SMTP server (GreenMail), and the preferences. */
class NotificationTest extends PostgresApplicationTest {

    static final long WAIT = 20_000;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MailPreferences preferences;
    @Autowired
    Notifications notifications;
    @Autowired
    Digests digests;
    @Autowired
    TaskReminders reminders;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    DataSource dataSource;
    @Autowired
    DirectoryLookup directory;
    @Autowired
    MailDeliveries deliveries;
    @Autowired
    NotificationSettings settings;
    @Autowired
    TaskMail taskMail;

    static Deployment testModels;

    @BeforeEach
    void deployTestProcess() {
        if (testModels == null) {
            testModels = engine.getRepositoryService().createDeployment().name("mail tests")
                    .addClasspathResource("test-models/mail-test.bpmn").deploy();
        }
        TestMail.purge();
    }

    @AfterAll
    static void forgetDeployment() {
        testModels = null;
    }

    @Test
    void aNewTaskMailsEachRepresentativeWithADirectLinkAndWhyTheyGetIt() throws Exception {
        String name = "Review the draft framework " + UUID.randomUUID();
        Task task = startTask(name, null, "org-sdi", null);

        List<Received> mails = awaitMails(2, m -> m.subject().equals("New task: " + name), WAIT);

        assertThat(mails).extracting(Received::to).containsExactlyInAnyOrder(
                "joseph.sdi@demo.citizendata.example", "fatima.sdi@demo.citizendata.example");
        String link = "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + task.getId();
        for (Received mail : mails) {
            assertThat(mail.text()).contains("UN Collaborative on Citizen Data").contains(name).contains(link)
                    .contains("You receive this mail because you represent SDI and the task is for your organisation.")
                    .contains("/mail/preferences?token=");
            assertThat(mail.html()).contains("UN Collaborative on Citizen Data").contains(link.replace("&", "&amp;"))
                    .contains("Open the task in Tasklist").contains("you represent SDI");
            assertThat(mail.messageId()).endsWith("@collaborative-workflows>");
        }
    }

    @Test
    void aModelCanTurnTheNewTaskMailOffForAProcessOrATask() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("mail-off-test").camundaHistoryTimeToLive(1).startEvent()
                .parallelGateway("Gateway_Both")
                .userTask("Task_Quiet").camundaCandidateGroups("org-sdi").endEvent()
                .moveToNode("Gateway_Both").userTask("Task_Loud").camundaCandidateGroups("org-sdi").endEvent().done();
        // Off for the process, on again for one of its tasks: the nearest setting counts.
        model.<org.camunda.bpm.model.bpmn.instance.Process>getModelElementById("mail-off-test").builder()
                .addExtensionElement(taskMail(model, "off"));
        model.<UserTask>getModelElementById("Task_Loud").builder().addExtensionElement(taskMail(model, "on"));
        engine.getRepositoryService().createDeployment().name("mail off test").addModelInstance("mail-off-test.bpmn", model)
                .deploy();

        String instance = engine.getRuntimeService().startProcessInstanceByKey("mail-off-test").getId();

        Task quiet = engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_Quiet")
                .singleResult();
        Task loud = engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_Loud")
                .singleResult();
        assertThat(queuedFor(loud)).isEqualTo(2); // SDI's two representatives
        assertThat(queuedFor(quiet)).isZero();
    }

    private static CamundaProperties taskMail(BpmnModelInstance model, String value) {
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName("taskMail");
        property.setCamundaValue(value);
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        properties.addChildElement(property);
        return properties;
    }

    private int queuedFor(Task task) {
        return jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like ?", Integer.class,
                "task-created:" + task.getId() + ":%");
    }

    @Test
    void oneCauseMailsAPersonOnceAndNobodyWithoutAnAddress() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        org.camunda.bpm.engine.identity.User reachable = engine.getIdentityService().newUser("reachable-" + suffix);
        reachable.setFirstName("Rea");
        reachable.setLastName("Chable");
        reachable.setEmail("reachable-" + suffix + "@demo.citizendata.example");
        org.camunda.bpm.engine.identity.User unreachable = engine.getIdentityService().newUser("unreachable-" + suffix);
        engine.getIdentityService().saveUser(reachable);
        engine.getIdentityService().saveUser(unreachable);
        Map<String, Object> model = Map.of("title", "An item", "outcomeLabel", "Approved", "tally", "6 approve");
        java.util.function.Function<String, Notifications.Message> message = user -> new Notifications.Message(
                MailKind.DECISION_OUTCOME, user, "once:" + suffix + ":" + user, "Decided: An item", "a test", model);

        assertThat(sendInTransaction(message.apply(reachable.getId()))).isEqualTo(MailStatus.QUEUED);
        assertThat(sendInTransaction(message.apply(reachable.getId()))).isNull();
        assertThat(sendInTransaction(message.apply(unreachable.getId()))).isNull();
        assertThat(sendInTransaction(message.apply("nobody-" + suffix))).isNull();

        assertThat(jdbc.queryForList("select recipient_address from mail_outbox where idempotency_key like ?", String.class,
                "once:" + suffix + ":%")).containsExactly(reachable.getEmail());
        assertThat(jdbc.queryForList("select text_body from mail_outbox where idempotency_key like ?", String.class,
                "once:" + suffix + ":%").get(0)).contains("Dear Rea Chable,").contains("/mail/preferences?token=");
        assertThat(jdbc.queryForList("select user_id from mail_preference where user_id like ?", String.class,
                "%-" + suffix)).containsExactly(reachable.getId()); // created on first use, for someone with an address
    }

    @Test
    void aListOfMessagesIsReadAndWrittenInThreeStatements() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> committee = directory.membersOf(CollaborativeGroups.STEERING_COMMITTEE);
        org.camunda.bpm.engine.identity.User noAddress = engine.getIdentityService().newUser("no-address-" + suffix);
        engine.getIdentityService().saveUser(noAddress);
        preferences.recipients(committee); // their preferences exist (created on first use, in statements of their own)
        Map<String, Object> model = Map.of("title", "An item", "outcomeLabel", "Approved", "tally", "6 approve");
        java.util.function.Function<String, Notifications.Message> message = user -> new Notifications.Message(
                MailKind.DECISION_OUTCOME, user, "list:" + suffix + ":" + user, "Decided: An item", "a test", model);
        Notifications.Message sentBefore = message.apply(committee.get(1));
        assertThat(sendInTransaction(sentBefore)).isNotNull();
        List<Notifications.Message> messages = new ArrayList<>(committee.stream().map(message).toList());
        messages.add(message.apply(committee.get(0))); // the same cause twice in one list
        messages.add(message.apply("nobody-" + suffix));
        messages.add(message.apply(noAddress.getId()));

        StatementCounter statements = new StatementCounter(dataSource);
        Notifications counted = new Notifications(new MailOutbox(new JdbcTemplate(statements.dataSource())),
                new MailPreferences(new JdbcTemplate(statements.dataSource()), transactionManager), new MailComposer(),
                deliveries, settings, "");
        List<MailStatus> statuses = counted.sendAll(messages);

        // One read of the outbox's keys, one of the directory with the preferences, one batch of inserts.
        assertThat(statements.prepared()).isEqualTo(3);
        List<MailStatus> expected = new ArrayList<>();
        committee.forEach(user -> expected.add(user.equals(committee.get(1)) ? null : MailStatus.KEPT));
        expected.addAll(java.util.Arrays.asList(null, null, null));
        assertThat(statuses).containsExactlyElementsOf(expected);
        assertThat(jdbc.queryForList("select recipient_user_id from mail_outbox where idempotency_key like ?", String.class,
                "list:" + suffix + ":%")).containsExactlyInAnyOrderElementsOf(committee);
        assertThat(jdbc.queryForObject("select text_body from mail_outbox where idempotency_key = ?", String.class,
                "list:" + suffix + ":" + committee.get(0))).contains("Dear ").contains("/mail/preferences?token=");
    }

    @Test
    void theNewTasksOfOneTransactionAreMailedWithFourStatementsForAllOfThem() {
        List<String> organisations = List.of("unsd", "unwomen", "icscentre", "gpsdd", "dihr", "sgpwd", "paris21", "odw",
                "worldbank", "unitar");
        List<String> representatives = organisations.stream().flatMap(o -> directory.membersOf("org-" + o).stream())
                .distinct().toList();
        preferences.recipients(representatives); // their preferences exist (created on first use, in statements of their own)
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<TaskMail.NewTask> tasks = new ArrayList<>();
        for (String organisation : organisations) {
            org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity link =
                    new org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity();
            link.setType("candidate");
            link.setGroupId("org-" + organisation);
            String taskId = "task-" + organisation + "-" + suffix;
            tasks.add(new TaskMail.NewTask(taskId, "Cast the vote", TaskRecipients.Addressees.of(null, List.of(link)),
                    taskMail.model(taskId, "Cast the vote", null, null, "Steering Committee decision")));
        }

        StatementCounter statements = new StatementCounter(dataSource);
        JdbcTemplate counted = new JdbcTemplate(statements.dataSource());
        TaskMail mail = new TaskMail(new Notifications(new MailOutbox(counted), new MailPreferences(counted, transactionManager),
                new MailComposer(), deliveries, settings, ""), new TaskRecipients(new DirectoryLookup(counted)), settings);
        mail.send(tasks);

        // One read of the groups, one of the outbox's keys, one of the recipients, one batch of inserts.
        assertThat(statements.prepared()).isEqualTo(4);
        assertThat(jdbc.queryForList("select recipient_user_id from mail_outbox where idempotency_key like ?", String.class,
                "task-created:task-%-" + suffix + ":%")).containsExactlyInAnyOrderElementsOf(representatives);
    }

    @Test
    void theTasksAnActionCreatesAreMailedWhenItCommitsInOneBatch() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("mail-many-tasks").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Review").name("Review the draft").camundaCandidateGroups("${group}")
                .multiInstance().parallel().camundaCollection("${groups}").camundaElementVariable("group")
                .multiInstanceDone().endEvent().done();
        engine.getRepositoryService().createDeployment().name("mail tests, many tasks")
                .addModelInstance("mail-many-tasks.bpmn", model).deploy();
        List<String> groups = List.of("org-unsd", "org-unwomen", "org-icscentre", "org-gpsdd", "org-dihr", "org-sgpwd",
                "org-paris21", "org-odw", "org-worldbank", "org-unitar");

        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("mail-many-tasks",
                Map.of("groups", groups));

        List<String> expected = new ArrayList<>();
        for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list()) {
            String group = engine.getTaskService().getIdentityLinksForTask(task.getId()).get(0).getGroupId();
            directory.membersOf(group).forEach(user -> expected.add("task-created:" + task.getId() + ":" + user));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(10);
        String tasks = "task-created:%";
        List<Map<String, Object>> rows = jdbc.queryForList("select idempotency_key, batch_id from mail_outbox"
                + " where idempotency_key like ? and created_at >= ?", tasks, java.sql.Timestamp.from(
                        Instant.now().minus(Duration.ofMinutes(5))));
        assertThat(rows.stream().map(row -> (String) row.get("idempotency_key")).filter(expected::contains))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows.stream().filter(row -> expected.contains(row.get("idempotency_key")))
                .map(row -> row.get("batch_id")).distinct()).hasSize(1); // one batch, one delivery
    }

    private MailStatus sendInTransaction(Notifications.Message message) {
        return transaction.execute(status -> notifications.send(message));
    }

    @Test
    void aTitleWithHtmlIsShownAsTextInTheMail() throws Exception {
        String name = "<script>alert('x')</script> " + UUID.randomUUID();
        startTask(name, "bikash.nddn", "org-nddn", null);

        Received mail = awaitMails(1, m -> m.subject().contains(name), WAIT).get(0);
        assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void aDailyDigestGathersWhatWasHeld() throws Exception {
        preferences.update("fatima.sdi", Delivery.DAILY_DIGEST, false);
        try {
            String first = "Digest item one " + UUID.randomUUID();
            String second = "Digest item two " + UUID.randomUUID();
            startTask(first, null, "org-sdi", null);
            startTask(second, null, "org-sdi", null);
            awaitMails(2, m -> m.to().startsWith("joseph.sdi") && m.subject().contains("Digest item"), WAIT);
            assertThat(received(m -> m.to().startsWith("fatima.sdi"))).isEmpty();

            transaction.executeWithoutResult(s -> digests.sendAll());

            List<Received> digest = awaitMails(1, m -> m.to().startsWith("fatima.sdi"), WAIT);
            assertThat(digest).hasSize(1);
            assertThat(digest.get(0).subject()).startsWith("Your daily digest:");
            assertThat(digest.get(0).text()).contains(first).contains(second)
                    .contains("you chose a daily digest");
            assertThat(jdbc.queryForObject("select count(*) from mail_outbox where recipient_user_id = 'fatima.sdi'"
                    + " and status = 'HELD'", Integer.class)).isZero();
        } finally {
            preferences.update("fatima.sdi", Delivery.IMMEDIATE, false);
        }
    }

    @Test
    void theLinkInAMailTurnsNonEssentialMailOffButEssentialMailStillArrives() throws Exception {
        String name = "Before opting out " + UUID.randomUUID();
        startTask(name, "thandi.cdl", "org-cdl", null);
        Received mail = awaitMails(1, m -> m.subject().contains(name), WAIT).get(0);
        Matcher link = Pattern.compile("/mail/preferences\\?token=([A-Za-z0-9_-]+)").matcher(mail.text());
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        RestClient.Response page = RestClient.anonymous(port).get("/mail/preferences?token=" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("How you receive mail").contains("thandi.cdl");
        RestClient.Response saved = RestClient.anonymous(port).postForm("/mail/preferences",
                "token=" + token + "&delivery=IMMEDIATE&nonEssentialOff=true");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.");
        try {
            String after = "After opting out " + UUID.randomUUID();
            startTask(after, "thandi.cdl", "org-cdl", null);
            startAnnouncement("thandi.cdl");

            awaitMails(1, m -> m.to().startsWith("thandi.cdl") && m.subject().equals("Welcome to the Collaborative"), WAIT);
            Thread.sleep(1500);
            assertThat(received(m -> m.subject().contains(after))).isEmpty();
            assertThat(jdbc.queryForObject("select status from mail_outbox where subject = ?", String.class,
                    "New task: " + after)).isEqualTo("SUPPRESSED");
        } finally {
            preferences.update("thandi.cdl", Delivery.IMMEDIATE, false);
        }
        assertThat(RestClient.anonymous(port).get("/mail/preferences?token=not-a-token").status()).isEqualTo(404);
    }

    @Test
    void aProcessNamedMailCarriesItsParagraphsAndLink() throws Exception {
        startAnnouncement("group:org-chr");
        Received mail = awaitMails(1, m -> m.to().startsWith("jose.chr") && m.subject().equals("Welcome to the Collaborative"),
                WAIT).get(0);
        assertThat(mail.text()).contains("Your organisation is now a member.").contains("Set your password: https://example.org/welcome")
                .contains("You receive this mail because your organisation applied for membership.");
        assertThat(mail.html()).contains("<a href=\"https://example.org/welcome\"");
    }

    @Test
    void remindersBeforeTheDueDateAndEscalationsAfterItAreSentOnce() throws Exception {
        String soon = "Due soon " + UUID.randomUUID();
        String late = "Overdue " + UUID.randomUUID();
        startTask(soon, "sarah.mglsd", "org-mglsd", Date.from(Instant.now().plus(Duration.ofHours(20))));
        startTask(late, "erik.sida", "org-sida", Date.from(Instant.now().minus(Duration.ofHours(3))));

        transaction.executeWithoutResult(s -> reminders.remindAndEscalate());
        transaction.executeWithoutResult(s -> reminders.remindAndEscalate());

        List<Received> reminder = awaitMails(1, m -> m.subject().startsWith("Due ") && m.subject().endsWith(soon), WAIT);
        List<Received> escalations = awaitMails(2, m -> m.subject().equals("Overdue: " + late), WAIT);
        Thread.sleep(1500);
        assertThat(received(m -> m.subject().endsWith(soon) && m.subject().startsWith("Due "))).hasSize(1);
        assertThat(reminder.get(0).to()).startsWith("sarah.mglsd");
        assertThat(received(m -> m.subject().equals("Overdue: " + late))).extracting(Received::to)
                .containsExactlyInAnyOrder("sofia.secretariat@demo.citizendata.example",
                        "james.secretariat@demo.citizendata.example");
        assertThat(escalations.get(0).text()).contains("Waiting for: erik.sida");
    }

    /**
     * A process with reminders of its own gets no others, whatever its definition's id looks like: the id of
     * steering-committee-decision is a bare UUID (its key, version and a UUID would not fit in 64 characters).
     */
    @Test
    void aVoteTaskGetsTheBallotsOwnRemindersOnly() {
        String control = "Due soon beside a ballot " + UUID.randomUUID();
        Task other = startTask(control, "sarah.mglsd", "org-mglsd", Date.from(Instant.now().plus(Duration.ofHours(20))));
        Map<String, Object> request = new HashMap<>();
        request.put("subjectType", "test");
        request.put("subjectKey", "own-reminders-" + UUID.randomUUID());
        request.put("title", "A ballot closing within the reminder period");
        request.put("summary", "Its vote tasks are due in 20 hours");
        request.put("votingPeriod", "PT20H");
        request.put("conflictDeclarationPeriod", "PT0S");
        String ballot = engine.getRuntimeService().startProcessInstanceByKey("steering-committee-decision", request).getId();
        List<Task> votes = engine.getTaskService().createTaskQuery().processInstanceId(ballot).list();
        assertThat(votes).hasSize(10);
        assertThat(engine.getRepositoryService().getProcessDefinition(votes.get(0).getProcessDefinitionId()).getId())
                .doesNotStartWith("steering-committee-decision:");

        transaction.executeWithoutResult(s -> reminders.remindAndEscalate());

        assertThat(remindersQueuedFor(other)).isEqualTo(1);
        assertThat(votes).allSatisfy(vote -> assertThat(remindersQueuedFor(vote)).isZero());
        engine.getRuntimeService().deleteProcessInstance(ballot, "test over");
    }

    private int remindersQueuedFor(Task task) {
        return jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like ?", Integer.class,
                "task-reminder:" + task.getId() + ":%");
    }

    @Test
    void organisationsThatHaveNotVotedAreRemindedByMail() throws Exception {
        String title = "Ballot " + UUID.randomUUID();
        transaction.executeWithoutResult(s -> events.publishEvent(new VoteReminderDue(UUID.randomUUID().toString(), title,
                Instant.now().plus(Duration.ofDays(3)), List.of("unitar", "dihr"))));

        List<Received> mails = awaitMails(3, m -> m.subject().endsWith(title), WAIT);
        assertThat(mails).extracting(Received::to).containsExactlyInAnyOrder("marc.unitar@demo.citizendata.example",
                "mette.dihr@demo.citizendata.example", "anders.dihr@demo.citizendata.example");
        assertThat(mails.get(0).subject()).isEqualTo("Your organisation has not voted yet: " + title);
        assertThat(mails.get(0).text()).contains("The ballot closes on").contains("/camunda/app/tasklist/default/");
    }

    @Test
    void theSteeringCommitteeAndTheProposerAreToldTheDecision() throws Exception {
        String title = "Decision " + UUID.randomUUID();
        transaction.executeWithoutResult(s -> events.publishEvent(new DecisionTaken(UUID.randomUUID().toString(), title,
                Outcome.APPROVED, "Approved: 7 approve, 1 reject, 1 abstain of 9 eligible (1 recused); quorum of 5 met",
                "gss")));

        // The 14 representatives of the Steering Committee's organisations and the 2 of GSS (the proposer).
        List<Received> mails = awaitMails(16, m -> m.subject().endsWith(title), WAIT);
        assertThat(mails).hasSize(16).extracting(Received::to).contains("amina.unsd@demo.citizendata.example",
                "marc.unitar@demo.citizendata.example", "kofi.gss@demo.citizendata.example",
                "ama.gss@demo.citizendata.example").doesNotContain("maria.psa@demo.citizendata.example");
        Received toProposer = mails.stream().filter(m -> m.to().startsWith("kofi.gss")).findFirst().orElseThrow();
        assertThat(toProposer.subject()).isEqualTo("Steering Committee decision: Approved — " + title);
        assertThat(toProposer.text()).contains("The Steering Committee has decided:").contains(title)
                .contains("Approved: 7 approve, 1 reject, 1 abstain of 9 eligible (1 recused); quorum of 5 met")
                .contains("You receive this mail because your organisation put the item to the Steering Committee.");
        Received toMember = mails.stream().filter(m -> m.to().startsWith("amina.unsd")).findFirst().orElseThrow();
        assertThat(toMember.text()).contains("because you represent an organisation of the Steering Committee");
    }

    @Test
    void twoActionsMailingTheSameNewPersonAtOnceDoNotFailEachOther() throws Exception {
        String userId = "newcomer" + System.nanoTime();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> tokens = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tokens.add(pool.submit(() -> transaction.execute(status -> {
                try {
                    together.await();
                    String token = preferences.of(userId).token();
                    Thread.sleep(300); // both actions still open when the other creates the row
                    return token;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })));
        }
        String first = tokens.get(0).get();
        String second = tokens.get(1).get();
        pool.shutdown();
        assertThat(first).isEqualTo(second);
        assertThat(jdbc.queryForObject("select count(*) from mail_preference where user_id = ?", Integer.class, userId))
                .isEqualTo(1);
    }

    Task startTask(String name, String assignee, String candidateGroup, Date due) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("taskName", name);
        variables.put("assignee", assignee);
        variables.put("candidateGroups", candidateGroup);
        variables.put("due", due);
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("mail-test", variables);
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    void startAnnouncement(String mailTo) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("mailTo", mailTo);
        engine.getRuntimeService().startProcessInstanceByKey("mail-test", variables);
    }
}
