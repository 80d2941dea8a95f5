package org.citizendata.collaborative.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A representative confirms their organisation's details over the REST API Tasklist uses. */
class OrganisationDetailsReviewTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganisationRepository organisations;

    @Test
    void badInputIsRefusedPerFieldAndChangesNothing() {
        RestClient maria = RestClient.as(port, "maria.psa", DEMO_PASSWORD);
        String taskId = openTaskOf(maria);

        RestClient.Response refused = maria.post("/engine-rest/task/" + taskId + "/submit-form",
                form(" ", "NOT_A_CATEGORY", "Philippines", "ftp://psa.gov.ph"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("orgName: the organisation name is required")
                .contains("orgCategory").contains("orgWebsite").doesNotContain("orgCountry:");
        assertThat(organisations.findById("psa").orElseThrow().name()).isEqualTo("Philippine Statistics Authority");
        assertThat(maria.get("/engine-rest/task/" + taskId).status()).isEqualTo(200);
    }

    @Test
    void confirmedDetailsReachTheDirectory() {
        RestClient diego = RestClient.as(port, "diego.inegi", DEMO_PASSWORD);
        String taskId = openTaskOf(diego);

        RestClient.Response done = diego.post("/engine-rest/task/" + taskId + "/submit-form",
                form("Instituto Nacional de Estadística y Geografía ", "NATIONAL_STATISTICAL_OFFICE", "Mexico",
                        "https://www.inegi.org.mx/"));

        assertThat(done.status()).isEqualTo(204);
        Organisation inegi = organisations.findById("inegi").orElseThrow();
        assertThat(inegi.name()).isEqualTo("Instituto Nacional de Estadística y Geografía");
        assertThat(inegi.website()).isEqualTo("https://www.inegi.org.mx/");
        assertThat(diego.get("/engine-rest/task/" + taskId).status()).isEqualTo(404);
    }

    @Test
    void anotherOrganisationCannotCompleteTheTask() {
        String taskId = openTaskOf(RestClient.as(port, "camila.sdp", DEMO_PASSWORD));

        RestClient.Response refused = RestClient.as(port, "erik.sida", DEMO_PASSWORD)
                .post("/engine-rest/task/" + taskId + "/submit-form",
                        form("Taken over", "PRIVATE_INSTITUTION", "Sweden", ""));

        assertThat(refused.status()).isIn(403, 404);
        assertThat(organisations.findById("sdp").orElseThrow().name()).isEqualTo("Planning Department of Bogotá");
    }

    private static String openTaskOf(RestClient client) {
        JsonNode tasks = client.get("/engine-rest/task?processDefinitionKey=" + OrganisationDetailsReview.PROCESS_KEY).json();
        assertThat(tasks).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    private static String form(String name, String category, String country, String website) {
        return "{\"variables\":{"
                + "\"orgName\":{\"value\":\"" + name + "\"},"
                + "\"orgCategory\":{\"value\":\"" + category + "\"},"
                + "\"orgCountry\":{\"value\":\"" + country + "\"},"
                + "\"orgWebsite\":{\"value\":\"" + website + "\"}}}";
    }
}
