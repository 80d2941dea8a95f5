package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.citizendata.collaborative.testsupport.ApplicationForms;
import org.citizendata.collaborative.testsupport.ApplicationProcess;
import org.citizendata.collaborative.testsupport.BrowserLikeClient;
import org.citizendata.collaborative.testsupport.RestClient;
import org.citizendata.collaborative.testsupport.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 5: every task form of the demo data's open tasks, and every start form members
 * use, submitted with hostile values in all its fields at once: empty, 1 MB, wrong types, other
 * scripts, HTML and script, SQL-like strings, path tricks, dates far away. Each must be refused
 * with a message (400, the task still open and its process's variables unchanged) or accepted
 * and stored as it was sent; never an internal error. On a node of its own, so that what it
 * completes changes nobody else's data.
 */
@Tag("reliability")
class BadInputReliabilityTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The hostile inputs: a name, and the variable as the REST API takes it. */
    static final Map<String, Map<String, Object>> INPUTS = inputs();

    @Test
    void everyFormRefusesWithAMessageOrStoresWhatItWasSent() throws Exception {
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        int refused = 0;
        int accepted = 0;
        try (ApplicationProcess node = ApplicationProcess.start("bad-input", TestPostgres.newDatabase("badinput"))) {
            RestClient admin = node.administrator();
            Set<String> types = new LinkedHashSet<>();
            for (JsonNode task : admin.get("/engine-rest/task?maxResults=500").json()) {
                types.add(task.get("processDefinitionId").asText() + " " + task.get("taskDefinitionKey").asText());
            }
            for (String type : types) {
                String[] parts = type.split(" ");
                for (Map.Entry<String, Map<String, Object>> input : INPUTS.entrySet()) {
                    JsonNode open = admin.get("/engine-rest/task?processDefinitionId=" + parts[0] + "&taskDefinitionKey="
                            + parts[1]).json();
                    if (open.isEmpty()) {
                        break; // every task of this type was accepted: nothing left to submit
                    }
                    String task = open.get(0).get("id").asText();
                    String instance = open.get(0).get("processInstanceId").asText();
                    List<String> fields = fields(admin.get("/engine-rest/task/" + task + "/deployed-form"));
                    if (fields.isEmpty()) {
                        break;
                    }
                    String before = admin.get("/engine-rest/process-instance/" + instance + "/variables").body();
                    RestClient.Response answer = admin.post("/engine-rest/task/" + task + "/submit-form",
                            variables(fields, input.getValue()));
                    tried++;
                    String where = parts[1] + " with " + input.getKey();
                    if (answer.status() == 204) {
                        accepted++;
                        checkStoredAsSent(admin, instance, fields, input.getValue(), where, wrong);
                    } else if (answer.status() == 400) {
                        refused++;
                        if (message(answer).isBlank()) {
                            wrong.add(where + ": refused without a message");
                        }
                        if (admin.get("/engine-rest/task/" + task).status() != 200) {
                            wrong.add(where + ": refused, but the task is gone");
                        } else if (!admin.get("/engine-rest/process-instance/" + instance + "/variables").body().equals(before)) {
                            wrong.add(where + ": refused, but the process's variables changed");
                        }
                    } else {
                        wrong.add(where + ": " + answer.status() + " " + abbreviate(answer.body()));
                    }
                }
            }
            // Every start form: members propose workstreams and submit outputs, the Secretariat opens drives and elections.
            for (String process : List.of("workstream-proposal", "output-review", "membership-drive", "co-lead-election")) {
                List<String> fields = fields(admin.get("/engine-rest/process-definition/key/" + process + "/deployed-start-form"));
                if (fields.isEmpty()) {
                    continue; // nothing to fill in (opening an election asks only for a confirmation)
                }
                for (Map.Entry<String, Map<String, Object>> input : INPUTS.entrySet()) {
                    String count = "/engine-rest/history/process-instance/count?processDefinitionKey=" + process;
                    long before = admin.get(count).json().get("count").asLong();
                    RestClient.Response answer = admin.post("/engine-rest/process-definition/key/" + process + "/submit-form",
                            variables(fields, input.getValue()));
                    tried++;
                    String where = process + " start form with " + input.getKey();
                    if (answer.status() == 200) {
                        accepted++;
                    } else if (answer.status() == 400) {
                        refused++;
                        if (message(answer).isBlank()) {
                            wrong.add(where + ": refused without a message");
                        }
                        if (admin.get(count).json().get("count").asLong() != before) {
                            wrong.add(where + ": refused, but an instance was started");
                        }
                    } else {
                        wrong.add(where + ": " + answer.status() + " " + abbreviate(answer.body()));
                    }
                }
            }
            // The application's own JSON endpoints, as the Secretariat.
            RestClient secretariat = node.as("sofia.secretariat", "demo");
            Map<String, List<String>> endpoints = Map.of("/api/election/terms", List.of("organisationId", "startsOn", "endsOn"),
                    "/api/commission/sessions", List.of("sessionNumber", "opensOn", "closesOn", "documentDeadline"));
            for (Map.Entry<String, List<String>> endpoint : endpoints.entrySet()) {
                for (Map.Entry<String, Map<String, Object>> input : INPUTS.entrySet()) {
                    Object value = input.getValue().get("value");
                    JsonNode json = "Json".equals(input.getValue().get("type")) ? JSON.readTree((String) value) : JSON.valueToTree(value);
                    ObjectNode body = JSON.createObjectNode();
                    endpoint.getValue().forEach(field -> body.set(field, json));
                    RestClient.Response answer = secretariat.post(endpoint.getKey(), body.toString());
                    tried++;
                    String where = endpoint.getKey() + " with " + input.getKey();
                    if (answer.status() == 201) {
                        accepted++;
                    } else if (answer.status() == 400 && !message(answer).isBlank()) {
                        refused++;
                    } else {
                        wrong.add(where + ": " + answer.status() + " " + abbreviate(answer.body()));
                    }
                }
            }
            // The public application page: each field in turn gets the input, the others a valid application's.
            int visitor = 0;
            for (Map.Entry<String, Map<String, Object>> input : INPUTS.entrySet()) {
                if (!"String".equals(input.getValue().get("type"))) {
                    continue; // a web form sends text only
                }
                for (String field : APPLICATION_FIELDS) {
                    visitor++;
                    Map<String, String> form = ApplicationForms.valid("sweep-" + visitor);
                    form.put(field, (String) input.getValue().get("value"));
                    BrowserLikeClient browser = new BrowserLikeClient(node.port(), "198.51." + (visitor / 200) + "." + (visitor % 200 + 1));
                    RestClient.Response answer = browser.submit("/apply", form);
                    tried++;
                    String where = "/apply with " + input.getKey() + " as " + field;
                    if (answer.status() == 400) {
                        refused++;
                    } else if (answer.status() == 200) {
                        accepted++;
                    } else {
                        wrong.add(where + ": " + answer.status() + " " + abbreviate(answer.body()));
                    }
                    if (answer.body().contains("<script>alert(1)</script>")) {
                        wrong.add(where + ": the page shows the input as HTML");
                    }
                }
            }
        }
        System.out.printf("Bad input: %d hostile inputs, %d submissions (task forms, start forms, /api, /apply), %d refused"
                + " with a message, %d accepted and stored as sent%n", INPUTS.size(), tried, refused, accepted);
        assertThat(tried).isGreaterThan(50);
        assertThat(wrong).as("forms that answered hostile input wrongly").isEmpty();
    }

    static final List<String> APPLICATION_FIELDS = List.of("organisationName", "category", "country", "website",
            "contactName", "contactEmail", "engagement", "motivation", "contribution", "communities");

    /** An accepted value is in the history exactly as it was sent (shown as text, never interpreted). */
    private static void checkStoredAsSent(RestClient admin, String instance, List<String> fields, Map<String, Object> input,
            String where, List<String> wrong) {
        if (!"String".equals(input.get("type"))) {
            return;
        }
        for (String field : fields) {
            JsonNode stored = admin.get("/engine-rest/history/variable-instance?processInstanceId=" + instance
                    + "&variableName=" + field + "&deserializeValues=false").json();
            boolean kept = false;
            for (JsonNode variable : stored) {
                kept |= variable.get("value").isTextual() && variable.get("value").asText().equals(input.get("value"));
            }
            if (!stored.isEmpty() && !kept) {
                wrong.add(where + ": " + field + " stored as " + abbreviate(stored.get(0).get("value").asText()));
            }
        }
    }

    /** The keys of a Camunda Form's input fields, nested groups and lists included. */
    private static List<String> fields(RestClient.Response form) {
        List<String> keys = new ArrayList<>();
        if (form.status() == 200) {
            collect(form.json(), keys);
        }
        return keys;
    }

    private static void collect(JsonNode node, List<String> keys) {
        for (JsonNode component : node.path("components")) {
            String type = component.path("type").asText();
            if (component.hasNonNull("key") && Set.of("textfield", "textarea", "number", "datetime", "select", "radio",
                    "checkbox", "checklist", "taglist").contains(type)) {
                keys.add(component.get("key").asText());
            }
            collect(component, keys);
        }
    }

    private static String variables(List<String> fields, Map<String, Object> value) {
        ObjectNode variables = JSON.createObjectNode();
        for (String field : fields) {
            variables.set(field, JSON.valueToTree(value));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        return body.toString();
    }

    private static String message(RestClient.Response answer) {
        try {
            return answer.json().path("message").asText("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Map<String, Map<String, Object>> inputs() {
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        Map<String, Object> strings = new TreeMap<>(Map.ofEntries(
                Map.entry("empty", ""),
                Map.entry("1 MB", "x".repeat(1_000_000)),
                Map.entry("right-to-left", "مرحبا بالعالم — שלום עולם"),
                Map.entry("other scripts", "你好，世界 · नमस्ते दुनिया · Привет · 😀 e\u0301"),
                Map.entry("HTML and script", "<script>alert(1)</script><img src=x onerror=alert(2)>"),
                Map.entry("SQL-like", "'; drop table vote; -- 1' or '1'='1"),
                Map.entry("path tricks", "../../../../etc/passwd"),
                Map.entry("link tricks", "javascript:alert(1)"),
                Map.entry("date far past", "0001-01-01"),
                Map.entry("date far future", "9999-12-31T23:59:59Z"),
                Map.entry("impossible date", "2026-02-30")));
        strings.forEach((name, value) -> inputs.put(name, Map.of("value", value, "type", "String")));
        inputs.put("a number where text is asked", Map.of("value", 42, "type", "Integer"));
        inputs.put("a boolean", Map.of("value", true, "type", "Boolean"));
        inputs.put("an object", Map.of("value", "{\"a\":[1,2]}", "type", "Json"));
        return inputs;
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
