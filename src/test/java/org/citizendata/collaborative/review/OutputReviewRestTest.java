package org.citizendata.collaborative.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citizendata.collaborative.platform.Csv;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The review round on PostgreSQL, through {@code /engine-rest} as the real users. */
class OutputReviewRestTest extends PostgresApplicationTest {

    static final Map<String, String> REVIEWERS = Map.ofEntries(Map.entry("gss", "kofi.gss"), Map.entry("inegi", "diego.inegi"),
            Map.entry("psa", "maria.psa"), Map.entry("mglsd", "sarah.mglsd"), Map.entry("chr", "jose.chr"),
            Map.entry("cdl", "thandi.cdl"), Map.entry("sdi", "joseph.sdi"), Map.entry("geoinsight", "arjun.geoinsight"),
            Map.entry("sida", "erik.sida"), Map.entry("uneca", "hana.uneca"), Map.entry("dihr", "mette.dihr"),
            Map.entry("unitar", "marc.unitar"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twelveRepresentativesReviewingAtTheSameMomentAreAllRecorded() throws Exception {
        String workstream = jdbc.queryForObject("select workstream_key from workstream where title = ?", String.class,
                "Disability data by and for persons with disabilities");
        RestClient lead = RestClient.as(port, "bikash.nddn", DEMO_PASSWORD);
        String title = "Concurrent review " + UUID.randomUUID();
        RestClient.Response started = lead.post("/engine-rest/process-definition/key/output-review/submit-form",
                "{\"variables\":{\"workstreamKey\":{\"value\":\"" + workstream + "\"},\"title\":{\"value\":\"" + title + "\"},"
                        + "\"outputType\":{\"value\":\"FRAMEWORK\"},\"documentUrl\":{\"value\":\"https://docs.example.org/f.pdf\"},"
                        + "\"summary\":{\"value\":\"A framework\"}}}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instance = started.json().get("id").asText();
        String key = started.json().get("businessKey").asText();

        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier together = new CyclicBarrier(REVIEWERS.size());
        ExecutorService pool = Executors.newFixedThreadPool(REVIEWERS.size());
        List<Future<?>> reviews = new ArrayList<>();
        for (Map.Entry<String, String> reviewer : REVIEWERS.entrySet()) {
            RestClient client = RestClient.as(port, reviewer.getValue(), DEMO_PASSWORD);
            JsonNode tasks = client.get("/engine-rest/task?processInstanceId=" + instance + "&candidateGroup=org-"
                    + reviewer.getKey()).json();
            assertThat(tasks).as(reviewer.getKey()).hasSize(1);
            String taskId = tasks.get(0).get("id").asText();
            reviews.add(pool.submit(() -> {
                together.await();
                RestClient.Response done = client.post("/engine-rest/task/" + taskId + "/submit-form",
                        "{\"variables\":{\"recommendation\":{\"value\":\"ENDORSE_WITH_CHANGES\"},"
                                + "\"generalComments\":{\"value\":\"From " + reviewer.getKey() + ": \\\"quotes\\\", commas\\nand lines\"},"
                                + "\"sectionComments\":{\"value\":\"Résumé: =SUM(1,2) — 中文\"}}}");
                if (done.status() != 204) {
                    errors.add(reviewer.getKey() + ": " + done.status() + " " + done.body());
                }
                return null;
            }));
        }
        for (Future<?> review : reviews) {
            review.get();
        }
        pool.shutdown();

        assertThat(errors).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from output_review where output_key = ? and recommendation <> 'NO_RESPONSE'",
                Integer.class, key)).isEqualTo(12);

        // The round is still open for the other ten organisations: close it at its deadline by hand.
        RestClient secretariat = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD);
        assertThat(secretariat.get("/api/outputs/" + key + "/comments.csv").status()).isEqualTo(200);
        assertThat(RestClient.as(port, "kofi.gss", DEMO_PASSWORD).get("/api/outputs/" + key + "/comments.csv").status())
                .isEqualTo(403);
    }

    @Test
    void theDispositionMatrixExportRoundTripsAwkwardComments() throws Exception {
        String workstream = jdbc.queryForObject("select workstream_key from workstream where title = ?", String.class,
                "Disability data by and for persons with disabilities");
        RestClient lead = RestClient.as(port, "camila.sdp", DEMO_PASSWORD);
        RestClient.Response started = lead.post("/engine-rest/process-definition/key/output-review/submit-form",
                "{\"variables\":{\"workstreamKey\":{\"value\":\"" + workstream + "\"},\"title\":{\"value\":\"CSV " + UUID.randomUUID()
                        + "\"},\"outputType\":{\"value\":\"CASE_STUDIES\"},\"documentUrl\":{\"value\":\"https://docs.example.org/c.pdf\"},"
                        + "\"summary\":{\"value\":\"Case studies\"},\"reviewCategories\":{\"value\":\"HUMAN_RIGHTS_INSTITUTION\"}}}");
        String instance = started.json().get("id").asText();
        String key = started.json().get("businessKey").asText();
        String awkward = "Line one, with \"quotes\"\nline two: العربية 中文 Русский";
        String formula = "=HYPERLINK(\"http://evil.example\")";
        for (Map.Entry<String, String> reviewer : Map.of("dihr", "mette.dihr", "chr", "jose.chr").entrySet()) {
            RestClient client = RestClient.as(port, reviewer.getValue(), DEMO_PASSWORD);
            String taskId = client.get("/engine-rest/task?processInstanceId=" + instance + "&candidateGroup=org-"
                    + reviewer.getKey()).json().get(0).get("id").asText();
            com.fasterxml.jackson.databind.node.ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            com.fasterxml.jackson.databind.node.ObjectNode vars = body.putObject("variables");
            vars.putObject("recommendation").put("value", "ENDORSE");
            vars.putObject("generalComments").put("value", "dihr".equals(reviewer.getKey()) ? awkward : formula);
            vars.putObject("sectionComments").put("value", "");
            assertThat(client.post("/engine-rest/task/" + taskId + "/submit-form", body.toString()).status()).isEqualTo(204);
        }
        String csv = null;
        for (int i = 0; i < 100 && (csv == null || Csv.parse(csv).size() < 3); i++) {
            Thread.sleep(200);
            csv = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD).get("/api/outputs/" + key + "/comments.csv").body();
        }
        List<List<String>> rows = Csv.parse(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.stream().map(r -> r.get(4)).toList()).contains(awkward, formula);
        assertThat(csv).doesNotContain(",\"=HYPERLINK");
        assertThat(RestClient.as(port, "bikash.nddn", DEMO_PASSWORD).get("/api/outputs/" + key + "/comments.csv").status())
                .isEqualTo(200);
    }

    @Test
    void theSecretariatKeepsTheSessionCalendarAndEveryoneReadsIt() {
        JsonNode sessions = RestClient.as(port, "kofi.gss", DEMO_PASSWORD).get("/api/commission/sessions").json();
        assertThat(sessions).hasSizeGreaterThanOrEqualTo(2);
        String session = "{\"sessionNumber\":90,\"opensOn\":\"2059-03-04\",\"closesOn\":\"2059-03-07\"}";
        assertThat(RestClient.as(port, "kofi.gss", DEMO_PASSWORD).post("/api/commission/sessions", session).status())
                .isEqualTo(403);
        RestClient.Response added = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD).post("/api/commission/sessions", session);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).contains("\"documentDeadline\":\"2059-01-07\"");
        RestClient.Response again = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD).post("/api/commission/sessions", session);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("already in the calendar");
        assertThat(RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD).post("/api/commission/sessions",
                "{\"sessionNumber\":91,\"opensOn\":\"2060-03-09\",\"closesOn\":\"2060-03-01\"}").status()).isEqualTo(400);
    }
}
