package org.citizendata.collaborative.workstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The proposal's path through {@code /engine-rest}, as the real users with their own credentials. */
class WorkstreamProposalRestTest extends PostgresApplicationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String START = "/engine-rest/process-definition/key/workstream-proposal/submit-form";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    RestClient as(String userId) {
        return RestClient.as(port, userId, DEMO_PASSWORD);
    }

    @Test
    void aMemberProposesTheSecretariatAcceptsTheCoLeadsClearAndTheSteeringCommitteeApproves() throws Exception {
        String title = "Citizen data for disability statistics " + UUID.randomUUID();
        RestClient.Response started = as("bikash.nddn").post(START, form(ProposalDriver.proposal(title)));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instance = started.json().get("id").asText();
        String key = started.json().get("businessKey").asText();

        complete("sofia.secretariat", instance, "Task_CheckCompleteness", Map.of("completeness", "accept"));
        complete("lucia.unwomen", instance, "Task_ReviewConsistency", Map.of("consistency", "clear"));
        String ballot = waitFor(() -> {
            JsonNode calls = as("sofia.secretariat").get(
                    "/engine-rest/process-instance?superProcessInstance=" + instance).json();
            return calls.size() == 1 ? calls.get(0).get("id").asText() : null;
        });
        for (String organisation : ProposalDriver.STEERING_COMMITTEE) {
            String rep = ProposalDriver.REPRESENTATIVE.get(organisation);
            JsonNode declaration = as(rep).get("/engine-rest/task?processInstanceId=" + ballot
                    + "&taskDefinitionKey=Task_DeclareConflict").json();
            assertThat(declaration).hasSize(1);
            assertThat(as(rep).post("/engine-rest/task/" + declaration.get(0).get("id").asText() + "/submit-form",
                    vars(Map.of("conflict", false))).status()).isEqualTo(204);
        }
        for (String organisation : ProposalDriver.STEERING_COMMITTEE) {
            String rep = ProposalDriver.REPRESENTATIVE.get(organisation);
            String vote = waitFor(() -> {
                JsonNode tasks = as(rep).get("/engine-rest/task?processInstanceId=" + ballot
                        + "&taskDefinitionKey=Task_CastVote").json();
                return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
            });
            assertThat(as(rep).post("/engine-rest/task/" + vote + "/submit-form",
                    vars(Map.of("choice", "approve"))).status()).isEqualTo(204);
        }

        String workstreamStatus = waitFor(() -> jdbc.queryForList("select status from workstream where workstream_key = ?",
                String.class, key).stream().findFirst().orElse(null));
        assertThat(workstreamStatus).isEqualTo("ACTIVE");
        assertThat(RestClient.as(port, ADMIN_ID, ADMIN_PASSWORD).get("/engine-rest/user?memberOfGroup=workstream-" + key)
                .json().findValuesAsText("id")).containsExactlyInAnyOrder("kofi.gss", "maria.psa");
        String report = waitFor(() -> {
            JsonNode tasks = as("kofi.gss").get("/engine-rest/task?taskDefinitionKey=Task_SubmitReport&processInstanceBusinessKey="
                    + key).json();
            return tasks.size() == 1 ? tasks.get(0).get("due").asText() : null;
        });
        assertThat(report).isNotBlank();
    }

    @Test
    void badStartFormInputGets400WithFieldMessagesAndStartsNothing() throws Exception {
        long before = count();
        Map<String, Object> bad = ProposalDriver.proposal("");
        bad.put("durationMonths", 0L);
        bad.put("leads", "kofi.gss, nobody.at.all");
        bad.put("resourcePersons", "Ada Expert; not-an-address; surveys");
        RestClient.Response refused = as("kofi.gss").post(START, form(bad));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("title: is required").contains("durationMonths: the expected duration is 1 to 36 months")
                .contains("leads: not member users: nobody.at.all").contains("resourcePersons: line 1 needs a valid e-mail");

        Map<String, Object> tooLong = ProposalDriver.proposal("x".repeat(1_000_000));
        tooLong.put("durationMonths", 99L);
        RestClient.Response huge = as("kofi.gss").post(START, form(tooLong));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).contains("title: is longer than 255 characters").contains("durationMonths")
                .hasSizeLessThan(2000);

        assertThat(count()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from workstream_proposal where title = ''", Integer.class)).isZero();
    }

    @Test
    void aMemberOfAnotherOrganisationCannotActOnTheProposalsTasks() throws Exception {
        RestClient.Response started = as("kofi.gss").post(START, form(ProposalDriver.proposal("Guarded " + UUID.randomUUID())));
        String instance = started.json().get("id").asText();
        complete("sofia.secretariat", instance, "Task_CheckCompleteness",
                Map.of("completeness", "return", "reviewComments", "Add the deliverables' dates"));
        String revise = RestClient.as(port, ADMIN_ID, ADMIN_PASSWORD).get("/engine-rest/task?processInstanceId=" + instance)
                .json().get(0).get("id").asText();

        Map<String, Object> hijack = ProposalDriver.proposal("Taken over");
        hijack.put("revisionAction", "withdraw");
        RestClient.Response refused = as("erik.sida").post("/engine-rest/task/" + revise + "/submit-form", form(hijack));
        assertThat(refused.status()).isIn(403, 404);
        assertThat(as("erik.sida").get("/engine-rest/task/" + revise).status()).isIn(403, 404);
        assertThat(as("erik.sida").post("/api/workstreams/proposals/" + started.json().get("businessKey").asText()
                + "/withdraw", "").status()).isEqualTo(403);
        assertThat(RestClient.as(port, ADMIN_ID, ADMIN_PASSWORD).get("/engine-rest/task/" + revise).status()).isEqualTo(200);
    }

    private void complete(String userId, String instance, String taskKey, Map<String, Object> variables) throws Exception {
        String task = waitFor(() -> {
            JsonNode tasks = as(userId).get("/engine-rest/task?processInstanceId=" + instance + "&taskDefinitionKey=" + taskKey)
                    .json();
            return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        });
        RestClient.Response done = as(userId).post("/engine-rest/task/" + task + "/submit-form", vars(variables));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    private long count() {
        return RestClient.as(port, ADMIN_ID, ADMIN_PASSWORD)
                .get("/engine-rest/process-instance/count?processDefinitionKey=workstream-proposal").json().get("count").asLong();
    }

    private static String form(Map<String, Object> values) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", JSON.readTree(vars(values)).get("variables"));
        return body.toString();
    }

    private static String vars(Map<String, Object> values) throws Exception {
        ObjectNode variables = JSON.createObjectNode();
        values.forEach((name, value) -> {
            ObjectNode variable = variables.putObject(name);
            if (value instanceof Long l) {
                variable.put("value", l);
                variable.put("type", "Long");
            } else if (value instanceof Boolean b) {
                variable.put("value", b);
            } else {
                variable.put("value", value == null ? null : value.toString());
            }
        });
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        return body.toString();
    }

    interface Probe {
        String get() throws Exception;
    }

    private static String waitFor(Probe probe) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String value = probe.get();
        while (value == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            value = probe.get();
        }
        assertThat(value).as("waited 30 s").isNotNull();
        return value;
    }
}
