package org.citizendata.collaborative.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.platform.Csv;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard's figures against records the test writes (each marked, so that the rest of the
 * shared database does not matter), its access rule for every role, and titles shown as text.
 */
class DashboardTest extends PostgresApplicationTest {

    static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService taskService;

    RestClient as(String userId) {
        return RestClient.as(port, userId, userId.equals(ADMIN_ID) ? ADMIN_PASSWORD : DEMO_PASSWORD);
    }

    @Test
    void onlyTheSecretariatTheSteeringCommitteeAndAdministratorsOpenIt() {
        for (String allowed : List.of("sofia.secretariat", "jonas.icscentre", "lucia.unwomen", ADMIN_ID)) {
            assertThat(as(allowed).get("/dashboard").status()).as(allowed).isEqualTo(200);
            assertThat(as(allowed).get("/dashboard/proposals.csv").status()).as(allowed).isEqualTo(200);
        }
        for (String member : List.of("kofi.gss", "joseph.sdi")) {
            assertThat(as(member).get("/dashboard").status()).as(member).isEqualTo(403);
            assertThat(as(member).get("/dashboard/ballots.csv").status()).as(member).isEqualTo(403);
        }
        assertThat(RestClient.anonymous(port).get("/dashboard").status()).isEqualTo(401);
        assertThat(RestClient.anonymous(port).get("/dashboard/drive.csv").status()).isEqualTo(401);
        assertThat(as("sofia.secretariat").get("/dashboard/secrets.csv").status()).isEqualTo(404);
    }

    @Test
    void aProposalsStageAndAgeAndItsTitleShownAsText() {
        long consistencyBefore = funnel("CONSISTENCY");
        String key = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        String title = "<script>alert('x')</script> =HYPERLINK(\"http://evil.example\") " + key;
        jdbc.update("insert into workstream_proposal (proposal_key, title, objectives, scope, terms_of_reference,"
                + " duration_months, deliverables, leads, proposer_user_id, proposer_organisation_id, status, created_at,"
                + " updated_at) values (?, ?, 'o', 's', 't', 12, 'd', 'kofi.gss', 'kofi.gss', 'gss', 'CONSISTENCY', ?, ?)",
                key, title, Timestamp.from(Instant.now().minus(Duration.ofDays(10)).minusSeconds(60)), Timestamp.from(Instant.now()));

        String page = as("sofia.secretariat").get("/dashboard").body();
        assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert('x')");
        List<List<String>> rows = Csv.parse(as("jonas.icscentre").get("/dashboard/proposals.csv").body());
        assertThat(rows).anySatisfy(row -> assertThat(row.subList(0, 4)).containsExactly(key, title, "CONSISTENCY", "10"));
        assertThat(rows.stream().filter(r -> r.get(0).equals(key))).hasSize(1);
        assertThat(funnel("CONSISTENCY")).as("the stage funnel").isEqualTo(consistencyBefore + 1);
    }

    @Test
    void anOpenBallotsTurnoutAndWhoHasNotVotedAreForTheSecretariatOnly() {
        String ballot = "dash-" + UUID.randomUUID();
        jdbc.update("insert into ballot (id, subject_type, subject_key, title, options, status, quorum_rule_id,"
                + " majority_rule_id, voting_period, extension_period, opened_at, closes_at) values (?, 'test', ?, ?,"
                + " 'approve,reject,abstain', 'OPEN', 'q', 'm', 'P10D', 'P5D', ?, ?)", ballot, ballot, "Ballot " + ballot,
                Timestamp.from(Instant.now()), Timestamp.from(Instant.parse("2099-01-02T10:00:00Z")));
        for (String organisation : List.of("odw", "unitar", "dihr")) {
            jdbc.update("insert into ballot_elector (ballot_id, organisation_id) values (?, ?)", ballot, organisation);
        }
        jdbc.update("update ballot_elector set recused = true where ballot_id = ? and organisation_id = 'dihr'", ballot);
        jdbc.update("insert into vote (ballot_id, organisation_id, choice, cast_by, cast_at) values (?, 'odw', 'approve',"
                + " 'sam.odw', ?)", ballot, Timestamp.from(Instant.now()));

        List<String> row = Csv.parse(as("sofia.secretariat").get("/dashboard/ballots.csv").body()).stream()
                .filter(r -> r.get(1).equals("Ballot " + ballot)).findFirst().orElseThrow();
        assertThat(row.subList(0, 6)).containsExactly("decision", "Ballot " + ballot, "OPEN", "2099-01-02", "1 of 2", "UNITAR");
        List<String> seenBySteeringCommittee = Csv.parse(as("jonas.icscentre").get("/dashboard/ballots.csv").body()).stream()
                .filter(r -> r.get(1).equals("Ballot " + ballot)).findFirst().orElseThrow();
        assertThat(seenBySteeringCommittee.get(4)).isEqualTo("after the close");
        assertThat(seenBySteeringCommittee.get(5)).isEmpty();
        assertThat(as("jonas.icscentre").get("/dashboard").body()).contains("only the Secretariat sees its turnout");
    }

    @Test
    void theDriveOverdueTasksFailedMailAndTheNextReportAreCounted() {
        List<List<String>> before = Csv.parse(as("sofia.secretariat").get("/dashboard/drive.csv").body());
        // The dashboard's drive is the latest one, open or not: another test class may move the engine's
        // clock (ClockUtil is the JVM's), and this context's job executor may close the demo drive meanwhile.
        String drive = jdbc.queryForObject("select drive_key from membership_drive order by opened_at desc limit 1",
                String.class);
        for (int i = 0; i < 2; i++) {
            String reference = "DASH-" + UUID.randomUUID().toString().substring(0, 8);
            jdbc.update("insert into membership_application (reference, drive_key, organisation_name, category, country,"
                    + " website, web_domain, contact_name, contact_email, engagement, motivation, contribution, communities,"
                    + " status, submitted_at) values (?, ?, 'Org', 'DEVELOPMENT_PARTNER', 'Norway', 'https://x.example',"
                    + " 'x.example', 'N N', 'n@x.example', 'SUPPORTS', 'm', 'c', 'k', 'DECLINED', ?)", reference, drive,
                    Timestamp.from(Instant.now()));
        }
        List<List<String>> after = Csv.parse(as("sofia.secretariat").get("/dashboard/drive.csv").body());
        assertThat(count(after, "DEVELOPMENT_PARTNER", "DECLINED")).isEqualTo(count(before, "DEVELOPMENT_PARTNER", "DECLINED") + 2);

        Task task = taskService.createTaskQuery().taskCandidateGroup("org-mglsd").active().list().get(0);
        int overdueBefore = overdue("org-mglsd");
        taskService.setDueDate(task.getId(), java.util.Date.from(Instant.now().minus(Duration.ofDays(3))));
        assertThat(overdue("org-mglsd")).isEqualTo(overdueBefore + 1);

        String subject = "Undeliverable " + UUID.randomUUID();
        jdbc.update("insert into mail_outbox (id, idempotency_key, recipient_address, kind, essential, subject, text_body,"
                + " html_body, status, last_error, created_at) values (?, ?, 'nobody@invalid', 'PROCESS_MESSAGE', true, ?, 't',"
                + " 'h', 'FAILED', '550 no such user', ?)", UUID.randomUUID().toString(), UUID.randomUUID().toString(), subject,
                Timestamp.from(Instant.now()));
        assertThat(Csv.parse(as("sofia.secretariat").get("/dashboard/failures.csv").body()))
                .anySatisfy(r -> assertThat(r.subList(0, 3)).containsExactly("mail not delivered", "nobody@invalid",
                        subject + ": 550 no such user"));
        assertThat(Csv.parse(as("jonas.icscentre").get("/dashboard/failures.csv").body()))
                .as("failures are the Secretariat's to read").hasSize(1);

        Task report = taskService.createTaskQuery().taskDefinitionKey("Task_SubmitReport").list().get(0);
        String workstream = jdbc.queryForObject("select business_key_ from act_ru_execution where id_ = ?", String.class,
                report.getProcessInstanceId());
        assertThat(Csv.parse(as("jonas.icscentre").get("/dashboard/workstreams.csv").body()))
                .anySatisfy(r -> assertThat(r).startsWith(workstream).contains(DAY.format(report.getDueDate().toInstant())));
    }

    /** The count of a stage in the funnel chart's data, as the page hands it to the chart. */
    private long funnel(String stage) {
        String page = as("sofia.secretariat").get("/dashboard").body();
        java.util.regex.Matcher data = java.util.regex.Pattern.compile("data-charts=\"([^\"]*)\"").matcher(page);
        assertThat(data.find()).isTrue();
        try {
            com.fasterxml.jackson.databind.JsonNode charts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    org.springframework.web.util.HtmlUtils.htmlUnescape(data.group(1)));
            for (com.fasterxml.jackson.databind.JsonNode chart : charts) {
                if (chart.get("name").asText().equals("funnel")) {
                    List<String> labels = new java.util.ArrayList<>();
                    chart.get("labels").forEach(l -> labels.add(l.asText()));
                    return chart.get("series").get("Proposals").get(labels.indexOf(stage)).asLong();
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("No funnel chart");
    }

    private int overdue(String group) {
        return Csv.parse(as("sofia.secretariat").get("/dashboard/overdue.csv").body()).stream()
                .filter(r -> r.get(0).equals(jdbc.queryForObject("select name_ from act_id_group where id_ = ?", String.class, group)))
                .map(r -> Integer.parseInt(r.get(1))).findFirst().orElse(0);
    }

    private static int count(List<List<String>> rows, String category, String status) {
        return rows.stream().filter(r -> r.get(0).equals(category) && r.get(1).equals(status))
                .map(r -> Integer.parseInt(r.get(2))).findFirst().orElse(0);
    }
}
