package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.citizendata.collaborative.testsupport.ApplicationProcess;
import org.citizendata.collaborative.testsupport.RestClient;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;
import org.citizendata.collaborative.testsupport.TestMail;
import org.citizendata.collaborative.testsupport.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 11, items 1 to 3: the packaged application as real processes on a real PostgreSQL, killed
 * with {@code kill -9}, stopped while timers fall due, and run as two nodes on one database. Job
 * locks expire after 10 s here (the engine's default is 5 minutes), so that a dead node's jobs
 * pass to the living within the test. Figures go to standard output for RELIABILITY.md.
 */
@Tag("reliability")
class ProcessReliabilityTest {

    static final String LOCK_TIME = "--camunda.bpm.job-execution.lock-time-in-millis=10000";
    static final Map<String, String> REPRESENTATIVE = SteeringCommitteeVotes.REPRESENTATIVE;

    /** A vote a voter saw acknowledged (204), or one whose answer never came. */
    record Vote(String instance, String organisation, String taskId) {
    }

    @Test
    void votesAcknowledgedBeforeAKillAreKeptOnceAndEveryBallotFinishesAfterTheRestart() throws Exception {
        String database = TestPostgres.newDatabase("crash");
        JdbcTemplate db = jdbc(database);
        List<String> ballots;
        Set<Vote> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Vote> unanswered = ConcurrentHashMap.newKeySet();
        try (ApplicationProcess node = ApplicationProcess.start("crash-1", database, LOCK_TIME)) {
            ballots = openBallots(node, 10, "crash");
            List<Vote> votes = openVotes(db, ballots);
            assertThat(votes).hasSize(100);
            AtomicInteger answered = new AtomicInteger();
            ExecutorService voters = Executors.newFixedThreadPool(10);
            List<Future<?>> running = new ArrayList<>();
            for (String organisation : SteeringCommitteeVotes.ORGANISATIONS) {
                running.add(voters.submit(() -> {
                    for (Vote vote : votes.stream().filter(v -> v.organisation().equals(organisation)).toList()) {
                        try {
                            RestClient.Response response = vote(node, vote);
                            if (response.status() == 204) {
                                acknowledged.add(vote);
                                answered.incrementAndGet();
                            } else {
                                throw new AssertionError("Vote refused: " + response.status() + " " + response.body());
                            }
                        } catch (java.io.UncheckedIOException e) {
                            unanswered.add(vote); // the server died under it
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (answered.get() < 40) {
                if (System.nanoTime() > deadline || running.stream().allMatch(Future::isDone)) {
                    throw new AssertionError("Only " + answered.get() + " votes acknowledged: see target/processes/crash-1.log");
                }
                Thread.sleep(5);
            }
            node.kill();
            for (Future<?> voter : running) {
                voter.get();
            }
            voters.shutdown();
        }
        System.out.printf("Crash: %d votes acknowledged before kill -9, %d without an answer%n", acknowledged.size(),
                unanswered.size());
        assertThat(acknowledged.size()).isBetween(40, 99);

        try (ApplicationProcess node = ApplicationProcess.start("crash-2", database, LOCK_TIME)) {
            for (Vote vote : acknowledged) {
                assertThat(db.queryForObject("select count(*) from vote v join ballot b on b.id = v.ballot_id"
                        + " where b.process_instance_id = ? and v.organisation_id = ?", Integer.class,
                        vote.instance(), vote.organisation())).as("acknowledged vote %s", vote).isEqualTo(1);
            }
            assertEveryVoteRowHasItsCompletedTaskAndNoMore(db, ballots);
            // The votes not yet cast (or lost with their answer) are cast on the restarted node.
            List<Vote> remaining = openVotes(db, ballots);
            for (Vote vote : remaining) {
                assertThat(vote(node, vote).status()).isEqualTo(204);
            }
            System.out.printf("Crash: %d votes cast after the restart; of the unanswered, %d had been recorded%n",
                    remaining.size(), unanswered.size() - remaining.size());
            awaitEnded(db, ballots, Duration.ofSeconds(90));
            assertThat(db.queryForObject("select count(*) from vote v join ballot b on b.id = v.ballot_id"
                    + " where b.process_instance_id in (" + in(ballots) + ")", Integer.class)).isEqualTo(100);
            assertThat(db.queryForList("select status from ballot where process_instance_id in (" + in(ballots) + ")",
                    String.class)).hasSize(10).containsOnly("CLOSED");
            assertJobsRanOnce(db, ballots);
        }
    }

    @Test
    void timersThatFellDueWhileTheApplicationWasDownFireOnceAfterTheRestart() throws Exception {
        String database = TestPostgres.newDatabase("downtime");
        JdbcTemplate db = jdbc(database);
        try (ApplicationProcess node = ApplicationProcess.start("downtime-1", database, LOCK_TIME)) {
            openBallots(node, 3, "downtime");
        }
        // While it is down, time passes: every timer falls due (reminders, closes, a drive's start,
        // the election scan, reports and reviews due).
        List<Map<String, Object>> timers = db.queryForList("select id_, handler_cfg_, process_instance_id_ from act_ru_job"
                + " where type_ = 'timer'");
        assertThat(timers).hasSizeGreaterThan(5);
        db.update("update act_ru_job set duedate_ = now() - interval '1 hour' where type_ = 'timer'");

        try (ApplicationProcess node = ApplicationProcess.start("downtime-2", database, LOCK_TIME)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (db.queryForObject("select count(*) from act_ru_job where id_ in (" + in(timers.stream()
                    .map(t -> (String) t.get("id_")).toList()) + ") and retries_ > 0", Integer.class) > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            int fired = 0;
            int cancelled = 0;
            for (Map<String, Object> timer : timers) {
                String id = (String) timer.get("id_");
                int successes = db.queryForObject("select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 2",
                        Integer.class, id);
                int deleted = db.queryForObject("select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 3",
                        Integer.class, id);
                assertThat(successes).as("successful runs of timer %s (%s)", id, timer.get("handler_cfg_")).isLessThanOrEqualTo(1);
                assertThat(successes + deleted).as("timer %s (%s) neither ran nor was cancelled by its process",
                        id, timer.get("handler_cfg_")).isEqualTo(1);
                fired += successes;
                cancelled += deleted;
            }
            assertThat(db.queryForObject("select count(*) from act_ru_incident", Integer.class)).as("incidents").isZero();
            System.out.printf("Downtime: %d timers due while down, %d fired once, %d cancelled by a timer of their"
                    + " process that fired first, 0 twice%n", timers.size(), fired, cancelled);
        }
    }

    @Test
    void twoNodesOnOneDatabaseCountEveryVoteOnceAndRunEveryJobOnce() throws Exception {
        String database = TestPostgres.newDatabase("twonodes");
        JdbcTemplate db = jdbc(database);
        TestMail.port(); // the test's SMTP server, started if it is not
        try (ApplicationProcess first = ApplicationProcess.start("node-1", database, LOCK_TIME);
                ApplicationProcess second = ApplicationProcess.start("node-2", database, LOCK_TIME)) {
            List<String> ballots = openBallots(first, 6, "twonodes");
            List<Vote> votes = openVotes(db, ballots);
            ExecutorService voters = Executors.newFixedThreadPool(10);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < votes.size(); i++) {
                Vote vote = votes.get(i);
                ApplicationProcess node = i % 2 == 0 ? first : second;
                answers.add(voters.submit(() -> vote(node, vote).status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(204);
            }
            voters.shutdown();
            // The first node dies with whatever jobs it holds; the second takes them once their locks expire.
            first.kill();
            int lockedByTheDead = db.queryForObject("select count(*) from act_ru_job where lock_owner_ is not null"
                    + " and lock_exp_time_ > now()", Integer.class);
            awaitEnded(db, ballots, Duration.ofSeconds(90));
            assertThat(db.queryForObject("select count(*) from vote v join ballot b on b.id = v.ballot_id"
                    + " where b.process_instance_id in (" + in(ballots) + ")", Integer.class)).isEqualTo(60);
            assertJobsRanOnce(db, ballots);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (db.queryForObject("select count(*) from mail_outbox where status in ('QUEUED', 'SENDING')", Integer.class) > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            List<String> sent = db.queryForList("select '<' || id || '@collaborative-workflows>' from mail_outbox"
                    + " where status = 'SENT'", String.class);
            List<String> handedOverByTheDead = db.queryForList("select '<' || id || '@collaborative-workflows>'"
                    + " from mail_outbox where status = 'FAILED' and last_error like '%may have arrived%'", String.class);
            // This database's mail among all the test SMTP server holds (listed by recipient, not by arrival).
            Set<String> ofThisDatabase = new java.util.HashSet<>(db.queryForList(
                    "select '<' || id || '@collaborative-workflows>' from mail_outbox", String.class));
            List<String> received = new ArrayList<>();
            for (jakarta.mail.internet.MimeMessage message : TestMail.received()) {
                if (ofThisDatabase.contains(message.getMessageID())) {
                    received.add(message.getMessageID());
                }
            }
            assertThat(received).as("mail delivered more than once").doesNotHaveDuplicates();
            assertThat(received).containsAll(sent);
            List<String> beyondSent = new ArrayList<>(received);
            beyondSent.removeAll(sent);
            assertThat(handedOverByTheDead).as("mail the killed node had handed over").containsAll(beyondSent);
            System.out.printf("Two nodes: 60 votes (30 on each) counted once, %d jobs held by the killed node passed to"
                    + " the other, %d mails each delivered once, %d handed over by the killed node left to the"
                    + " Secretariat%n", lockedByTheDead, sent.size(), handedOverByTheDead.size());
        }
    }

    private static List<String> openBallots(ApplicationProcess node, int count, String prefix) {
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = prefix + "-" + i;
            RestClient.Response started = node.administrator().post(
                    "/engine-rest/process-definition/key/steering-committee-decision/start",
                    "{\"businessKey\":\"" + key + "\",\"variables\":{"
                            + "\"subjectType\":{\"value\":\"reliability\",\"type\":\"String\"},"
                            + "\"subjectKey\":{\"value\":\"" + key + "\",\"type\":\"String\"},"
                            + "\"title\":{\"value\":\"Reliability ballot " + key + "\",\"type\":\"String\"},"
                            + "\"summary\":{\"value\":\"A ballot of the reliability test\",\"type\":\"String\"},"
                            + "\"conflictDeclarationPeriod\":{\"value\":\"PT0S\",\"type\":\"String\"}}}");
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            instances.add(started.json().get("id").asText());
        }
        return instances;
    }

    /** The open vote tasks of the ballots, with the organisation each belongs to. */
    private static List<Vote> openVotes(JdbcTemplate db, List<String> ballots) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String sql = "select t.proc_inst_id_, substring(l.group_id_ from 5) as organisation, t.id_ from act_ru_task t"
                + " join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate'"
                + " where t.task_def_key_ = 'Task_CastVote' and t.proc_inst_id_ in (" + in(ballots) + ")";
        List<Vote> votes = List.of();
        while (System.nanoTime() < deadline) {
            votes = db.query(sql, (row, n) -> new Vote(row.getString(1), row.getString(2), row.getString(3)));
            int castOrRecorded = db.queryForObject("select count(*) from vote v join ballot b on b.id = v.ballot_id"
                    + " where b.process_instance_id in (" + in(ballots) + ")", Integer.class);
            if (votes.size() + castOrRecorded >= ballots.size() * 10) {
                return votes;
            }
            Thread.sleep(100);
        }
        return votes;
    }

    private static RestClient.Response vote(ApplicationProcess node, Vote vote) {
        return node.as(REPRESENTATIVE.get(vote.organisation()), "demo").post("/engine-rest/task/" + vote.taskId()
                + "/submit-form", "{\"variables\":{\"choice\":{\"value\":\"approve\",\"type\":\"String\"},"
                + "\"reason\":{\"value\":\"reliability\",\"type\":\"String\"}}}");
    }

    /** Nothing half-written: an organisation has a vote row exactly when its vote task was completed. */
    private static void assertEveryVoteRowHasItsCompletedTaskAndNoMore(JdbcTemplate db, List<String> ballots) {
        List<String> rows = db.queryForList("select b.process_instance_id || '/' || v.organisation_id from vote v"
                + " join ballot b on b.id = v.ballot_id where b.process_instance_id in (" + in(ballots) + ")", String.class);
        List<String> completed = db.queryForList("select t.proc_inst_id_ || '/' || substring(l.group_id_ from 5)"
                + " from act_hi_taskinst t join act_hi_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate'"
                + " and l.operation_type_ = 'add' where t.task_def_key_ = 'Task_CastVote' and t.end_time_ is not null"
                + " and t.delete_reason_ = 'completed' and t.proc_inst_id_ in (" + in(ballots) + ")", String.class);
        assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(completed);
    }

    /** Every job of the ballots' instances succeeded at most once, and none is left or failed. */
    private static void assertJobsRanOnce(JdbcTemplate db, List<String> ballots) {
        List<Map<String, Object>> twice = db.queryForList("select job_id_, count(*) from act_hi_job_log where job_state_ = 2"
                + " and process_instance_id_ in (" + in(ballots) + ") group by job_id_ having count(*) > 1");
        assertThat(twice).as("jobs that succeeded twice").isEmpty();
        assertThat(db.queryForObject("select count(*) from act_ru_incident where proc_inst_id_ in (" + in(ballots) + ")",
                Integer.class)).as("incidents").isZero();
    }

    private static void awaitEnded(JdbcTemplate db, List<String> instances, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (db.queryForObject("select count(*) from act_ru_execution where proc_inst_id_ in (" + in(instances) + ")",
                    Integer.class) == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Ballots still running after " + timeout + ": " + db.queryForList(
                "select proc_inst_id_, act_id_ from act_ru_execution where proc_inst_id_ in (" + in(instances)
                        + ") and act_id_ is not null"));
    }

    private static String in(List<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id.replace("'", "''") + "'").toList());
    }

    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url, TestPostgres.USER, TestPostgres.PASSWORD));
    }
}
