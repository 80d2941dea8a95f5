package org.citizendata.collaborative.election;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.citizendata.collaborative.testsupport.Poll;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A secret ballot leaves no link between a voter and a choice anywhere in the database: the
 * representatives vote over the REST API as Tasklist does (a JSON list), then every row of every
 * table, the engine's runtime and history tables included, is read back.
 */
class SecretBallotStorageTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ElectionRepository repository;
    @Autowired
    RuntimeService runtimeService;

    @Test
    void noRowAnywhereLinksAVoterToTheirChoice() {
        LocalDate start = LocalDate.of(2100, 3, 1);
        repository.insertTerm("unsd", start.minusYears(2), start, null);
        repository.insertTerm("unwomen", start.minusYears(2), start, null);
        String election = runtimeService.startProcessInstanceByKey(ElectionDelegates.PROCESS_KEY,
                Map.of("termStartsOn", start.toString())).getId();

        submit("sofia.secretariat", election, "Task_ProposeContinuity", "secretariat", "{\"continuityProposal\": {\"value\": \"none\"}}");
        Map<String, String> nominations = Map.of("icscentre", "gpsdd", "paris21", "paris21", "odw", "odw");
        for (String organisation : SteeringCommitteeVotes.ORGANISATIONS) {
            submit(rep(organisation), election, "Task_Nominate", "org-" + organisation, "{\"nominee\": {\"value\": \""
                    + nominations.getOrDefault(organisation, "none") + "\"}}");
        }
        for (String nominee : List.of("gpsdd", "paris21", "odw")) {
            submit(rep(nominee), election, "Task_AnswerNomination", "org-" + nominee,
                    "{\"nominationAnswer\": {\"value\": \"accept\"}}");
        }

        Map<String, List<String>> choices = new HashMap<>();
        Map<String, String> voteTasks = new HashMap<>();
        for (String organisation : SteeringCommitteeVotes.ORGANISATIONS) {
            List<String> choice = switch (organisation) {
                case "unsd", "unwomen", "dihr" -> List.of("gpsdd", "paris21");
                case "worldbank", "unitar" -> List.of("odw");
                default -> List.of("paris21", "odw");
            };
            choices.put(organisation, choice);
            String list = "[" + String.join(",", choice.stream().map(c -> "\\\"" + c + "\\\"").toList()) + "]";
            voteTasks.put(organisation, submit(rep(organisation), election, "Task_VoteCoLeads", "org-" + organisation,
                    "{\"secretChoices\": {\"value\": \"" + list + "\", \"type\": \"Json\"}}"));
        }
        String status = waitFor(() -> {
            String s = jdbc.queryForObject("select status from election where term_starts_on = ?", String.class,
                    java.sql.Date.valueOf(start));
            return "CERTIFYING".equals(s) ? s : null;
        });
        assertThat(status).isEqualTo("CERTIFYING");
        String ballot = jdbc.queryForObject("select id from election_ballot where election_key = ?", String.class, "E-" + start);
        assertThat(jdbc.queryForList("select organisation_id from election_turnout where ballot_id = ?", String.class, ballot))
                .containsExactlyInAnyOrderElementsOf(SteeringCommitteeVotes.ORGANISATIONS);
        assertThat(jdbc.queryForList("select candidate from election_choice where ballot_id = ?", String.class, ballot))
                .hasSize(choices.values().stream().mapToInt(List::size).sum());
        assertThat(jdbc.queryForList("select column_name from information_schema.columns where table_name = 'election_choice'",
                String.class)).containsExactlyInAnyOrder("id", "ballot_id", "candidate");

        assertThat(traces(List.of("gpsdd", "paris21", "odw"), voteTasks, List.of("secretChoices"))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_taskinst where proc_inst_id_ = ? and task_def_key_ ="
                + " 'Task_VoteCoLeads' and end_time_ is not null", Integer.class, election))
                .as("the history keeps the completed vote tasks (the turnout), not the choices").isEqualTo(10);
    }

    @Test
    void aSecretDecisionBallotKeepsNoChoiceOrReasonBesideItsVoter() {
        String subject = "secret-" + java.util.UUID.randomUUID();
        String ballotInstance = runtimeService.startProcessInstanceByKey("steering-committee-decision", Map.of(
                "subjectType", "test", "subjectKey", subject, "title", "A secret decision " + subject,
                "summary", "Secret test ballot", "conflictDeclarationPeriod", "PT0S", "secretBallot", true)).getId();
        Map<String, String> voteTasks = new HashMap<>();
        for (String organisation : SteeringCommitteeVotes.ORGANISATIONS) {
            String choice = organisation.startsWith("u") ? "reject" : "approve";
            voteTasks.put(organisation, submit(rep(organisation), ballotInstance, "Task_CastVote", "org-" + organisation,
                    "{\"choice\": {\"value\": \"" + choice + "\"}, \"reason\": {\"value\": \"why-" + organisation
                            + "-" + subject + "\"}}"));
        }
        String ballot = waitFor(() -> jdbc.queryForList("select id from ballot where subject_key = ? and status = 'CLOSED'",
                String.class, subject).stream().findFirst().orElse(null));
        assertThat(jdbc.queryForList("select choice from secret_choice where ballot_id = ?", String.class, ballot))
                .hasSize(10).containsOnly("approve", "reject");
        assertThat(jdbc.queryForObject("select count(*) from vote where ballot_id = ? and choice is null and reason is null",
                Integer.class, ballot)).isEqualTo(10);
        List<String> reasons = SteeringCommitteeVotes.ORGANISATIONS.stream().map(o -> "why-" + o + "-" + subject).toList();
        assertThat(traces(List.of("approve", "reject"), voteTasks, reasons)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_varinst where proc_inst_id_ = ? and name_ in"
                + " ('choice', 'reason')", Integer.class, ballotInstance)).isZero();
    }

    /**
     * Every row of every table that keeps one of the markers (a variable's name, a reason) or a
     * ballot paper (a JSON list of candidates), or that names a vote task beside a choice.
     */
    private List<String> traces(List<String> choices, Map<String, String> voteTasks, List<String> markers) {
        List<String> problems = new ArrayList<>();
        for (String table : jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'public'"
                + " and table_type = 'BASE TABLE'", String.class)) {
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table)) {
                if (table.equals("act_ge_bytearray") && row.get("deployment_id_") != null) {
                    continue; // the deployed models and forms, which name the form field
                }
                List<String> values = row.values().stream().map(SecretBallotStorageTest::text).toList();
                if (values.stream().anyMatch(v -> markers.stream().anyMatch(v::contains))) {
                    problems.add(table + " keeps a secret: " + row);
                }
                if (values.stream().anyMatch(v -> choices.stream().anyMatch(c -> v.contains("[\"" + c + "\"")))) {
                    problems.add(table + " keeps a ballot paper: " + row);
                }
                for (Map.Entry<String, String> vote : voteTasks.entrySet()) {
                    boolean linkedToVoter = values.contains(vote.getValue());
                    if (linkedToVoter && values.stream().anyMatch(choices::contains)) {
                        problems.add(table + " links " + vote.getKey() + "'s vote to a candidate: " + row);
                    }
                }
            }
        }
        return problems;
    }

    /** Submits the task's form as the user and returns the task id. */
    private String submit(String userId, String processInstance, String taskKey, String group, String variables) {
        RestClient client = RestClient.as(port, userId, DEMO_PASSWORD);
        String taskId = waitFor(() -> {
            JsonNode tasks = client.get("/engine-rest/task?processInstanceId=" + processInstance + "&taskDefinitionKey="
                    + taskKey + "&candidateGroup=" + group).json();
            return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        });
        RestClient.Response response = client.post("/engine-rest/task/" + taskId + "/submit-form",
                "{\"variables\": " + variables + "}");
        assertThat(response.status()).as(taskKey + " by " + userId + ": " + response.body()).isEqualTo(204);
        return taskId;
    }

    private static String rep(String organisation) {
        return SteeringCommitteeVotes.REPRESENTATIVE.get(organisation);
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? "" : value.toString();
    }

    private static <T> T waitFor(Supplier<T> probe) {
        return Poll.until(probe, Duration.ofSeconds(30), Duration.ofMillis(200));
    }
}
