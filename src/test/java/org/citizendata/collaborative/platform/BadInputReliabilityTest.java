package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citizendata.collaborative.testsupport.ApplicationForms;
import org.citizendata.collaborative.testsupport.ApplicationProcess;
import org.citizendata.collaborative.testsupport.BrowserLikeClient;
import org.citizendata.collaborative.testsupport.Poll;
import org.citizendata.collaborative.testsupport.ProcessWalk;
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
        Tally tally = new Tally();
        String database = TestPostgres.newDatabase("badinput");
        try (ApplicationProcess node = ApplicationProcess.start("bad-input", database)) {
            RestClient admin = node.administrator();
            // The demo data's open tasks first, then every other task form: the processes are walked there
            // with valid input, each form swept as soon as a task of its kind is open.
            Set<String> swept = new TreeSet<>();
            sweepOpenTasks(node, swept, tally);
            walkToEveryOtherTask(node, database, () -> sweepOpenTasks(node, swept, tally));
            Set<String> userTasks = userTasks(admin);
            assertThat(userTasks).as("user tasks found in the deployed models").hasSizeGreaterThanOrEqualTo(29);
            assertThat(swept).as("task kinds swept").containsAll(userTasks);
            tally.taskKinds = swept.size();
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
                    judge(answer, 200, process + " start form with " + input.getKey(), tally, () -> { },
                            () -> admin.get(count).json().get("count").asLong() != before ? "an instance was started" : null);
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
                    tally.tried++;
                    String where = endpoint.getKey() + " with " + input.getKey();
                    if (answer.status() == 201) {
                        tally.accepted++;
                    } else if (answer.status() == 400 && !message(answer).isBlank()) {
                        tally.refused++;
                    } else {
                        tally.wrong.add(where + ": " + answer.status() + " " + abbreviate(answer.body()));
                    }
                }
            }
            // Names and links: each hostile text as the id in every address that carries one, as the Secretariat
            // (who may see the most) and, for the public pages, as a visitor: refused or not found, never an error,
            // never shown as HTML. (1 MB is left out: the server takes addresses of up to 8 KB.)
            RestClient visitor = RestClient.anonymous(node.port());
            for (Map.Entry<String, Map<String, Object>> input : INPUTS.entrySet()) {
                if (!"String".equals(input.getValue().get("type")) || input.getKey().equals("1 MB")) {
                    continue;
                }
                String id = URLEncoder.encode((String) input.getValue().get("value"), StandardCharsets.UTF_8).replace("+", "%20");
                Map<String, RestClient.Response> answers = new LinkedHashMap<>();
                answers.put("GET /api/mail/outbox/{id}", secretariat.get("/api/mail/outbox/" + id));
                answers.put("POST /api/mail/outbox/{id}/resend", secretariat.post("/api/mail/outbox/" + id + "/resend", "{}"));
                answers.put("POST /api/membership/representatives/{id}/password-link",
                        secretariat.post("/api/membership/representatives/" + id + "/password-link", "{}"));
                answers.put("GET /api/outputs/{id}/comments.csv", secretariat.get("/api/outputs/" + id + "/comments.csv"));
                answers.put("GET /api/ballots/{id}", secretariat.get("/api/ballots/" + id));
                answers.put("GET /api/ballots/{id}/events.csv", secretariat.get("/api/ballots/" + id + "/events.csv"));
                answers.put("GET /dashboard/{id}.csv", secretariat.get("/dashboard/" + id + ".csv"));
                answers.put("POST /api/workstreams/proposals/{id}/withdraw",
                        node.as("kofi.gss", "demo").post("/api/workstreams/proposals/" + id + "/withdraw", "{}"));
                answers.put("GET /apply/information/{id}", visitor.get("/apply/information/" + id));
                answers.put("GET /account/password/{id}", visitor.get("/account/password/" + id));
                answers.put("GET /mail/preferences?token={id}", visitor.get("/mail/preferences?token=" + id));
                answers.forEach((address, answer) -> {
                    tally.tried++;
                    String where = address + " with " + input.getKey();
                    if (answer.status() >= 400 && answer.status() < 500) {
                        tally.refused++;
                    } else {
                        tally.wrong.add(where + ": " + answer.status() + " " + abbreviate(answer.body()));
                    }
                    if (answer.body().contains("<script>alert(1)</script>")) {
                        tally.wrong.add(where + ": the answer shows the input as HTML");
                    }
                });
            }
            // The public application page: each field in turn gets the input, the others a valid application's.
            int visitors = 0;
            for (Map.Entry<String, Map<String, Object>> input : INPUTS.entrySet()) {
                if (!"String".equals(input.getValue().get("type"))) {
                    continue; // a web form sends text only
                }
                for (String field : APPLICATION_FIELDS) {
                    visitors++;
                    Map<String, String> form = ApplicationForms.valid("sweep-" + visitors);
                    form.put(field, (String) input.getValue().get("value"));
                    BrowserLikeClient browser = new BrowserLikeClient(node.port(), "198.51." + (visitors / 200) + "." + (visitors % 200 + 1));
                    RestClient.Response answer = browser.submit("/apply", form);
                    tally.tried++;
                    String where = "/apply with " + input.getKey() + " as " + field;
                    if (answer.status() == 400) {
                        tally.refused++;
                    } else if (answer.status() == 200) {
                        tally.accepted++;
                    } else {
                        tally.wrong.add(where + ": " + answer.status() + " " + abbreviate(answer.body()));
                    }
                    if (answer.body().contains("<script>alert(1)</script>")) {
                        tally.wrong.add(where + ": the page shows the input as HTML");
                    }
                }
            }
        }
        System.out.printf("Task access: %d kinds of task x %d roles, %d cells checked%n", tally.taskKinds, AuthorizationMatrixTest.Role.values().length,
                tally.accessCells);
        System.out.printf("Bad input: %d hostile inputs, %d kinds of task, %d submissions (task forms, start forms, /api,"
                + " /apply, addresses), %d refused, %d accepted and stored as sent%n", INPUTS.size(), tally.taskKinds,
                tally.tried, tally.refused, tally.accepted);
        assertThat(tally.tried).isGreaterThan(50);
        assertThat(tally.accessCells).as("task access cells").isGreaterThanOrEqualTo(tally.taskKinds * AuthorizationMatrixTest.Role.values().length * 2);
        assertThat(tally.wrong).as("forms that answered hostile input wrongly").isEmpty();
    }

    /** What the sweep submitted, and what it found answered wrongly. */
    static final class Tally {
        final List<String> wrong = new ArrayList<>();
        int tried;
        int refused;
        int accepted;
        int taskKinds;
        int accessCells;
    }

    /**
     * Every hostile input into all fields of a task of each kind that is open and not swept yet. An accepted
     * input completes that task, so the next input goes to another task of the kind, while there is one.
     */
    private static void sweepOpenTasks(ApplicationProcess node, Set<String> swept, Tally tally) {
        RestClient admin = node.administrator();
        Map<String, String> processKeys = new HashMap<>();
        admin.get("/engine-rest/process-definition").json()
                .forEach(definition -> processKeys.put(definition.get("id").asText(), definition.get("key").asText()));
        Map<String, String> kinds = new LinkedHashMap<>();
        for (JsonNode task : admin.get("/engine-rest/task?maxResults=1000").json()) {
            String definition = task.get("processDefinitionId").asText();
            kinds.putIfAbsent(processKeys.get(definition) + "/" + task.get("taskDefinitionKey").asText(), definition);
        }
        for (Map.Entry<String, String> kind : kinds.entrySet()) {
            if (!swept.add(kind.getKey())) {
                continue;
            }
            String taskKey = kind.getKey().substring(kind.getKey().indexOf('/') + 1);
            for (Map.Entry<String, Map<String, Object>> input : INPUTS.entrySet()) {
                JsonNode open = admin.get("/engine-rest/task?processDefinitionId=" + kind.getValue() + "&taskDefinitionKey="
                        + taskKey).json();
                if (open.isEmpty()) {
                    break; // every task of this kind was accepted: nothing left to submit
                }
                String task = open.get(0).get("id").asText();
                String instance = open.get(0).get("processInstanceId").asText();
                if (input.getKey().equals(INPUTS.keySet().iterator().next())) {
                    checkAccess(node, kind.getKey(), open.get(0), tally);
                }
                List<String> fields = fields(admin.get("/engine-rest/task/" + task + "/deployed-form"));
                if (fields.isEmpty()) {
                    tally.wrong.add(kind.getKey() + ": no form fields found");
                    break;
                }
                String before = admin.get("/engine-rest/process-instance/" + instance + "/variables").body();
                RestClient.Response answer = admin.post("/engine-rest/task/" + task + "/submit-form",
                        variables(fields, input.getValue()));
                String where = taskKey + " with " + input.getKey();
                judge(answer, 204, where, tally,
                        () -> checkStoredAsSent(admin, instance, fields, input.getValue(), where, tally.wrong),
                        () -> admin.get("/engine-rest/task/" + task).status() != 200 ? "the task is gone"
                                : admin.get("/engine-rest/process-instance/" + instance + "/variables").body().equals(before)
                                        ? null : "the process's variables changed");
            }
        }
    }

    /**
     * Counts one answer: accepted (then {@code accepted} checks what was kept), or refused with a message
     * and nothing changed ({@code changed} names what did, or is null); anything else is wrong.
     */
    private static void judge(RestClient.Response answer, int acceptedStatus, String where, Tally tally, Runnable accepted,
            Supplier<String> changed) {
        tally.tried++;
        if (answer.status() == acceptedStatus) {
            tally.accepted++;
            accepted.run();
        } else if (answer.status() == 400) {
            tally.refused++;
            if (message(answer).isBlank()) {
                tally.wrong.add(where + ": refused without a message");
            }
            String change = changed.get();
            if (change != null) {
                tally.wrong.add(where + ": refused, but " + change);
            }
        } else {
            tally.wrong.add(where + ": " + answer.status() + " " + abbreviate(answer.body()));
        }
    }

    /**
     * Item 4 for every kind of task, not only those the demo data holds open: the task and its variables are
     * read by its candidates (its assignee, its candidate groups' members), the Secretariat and the administrator,
     * and refused to everyone else, who cannot complete it either; nobody but the administrator adds a candidate.
     */
    private static void checkAccess(ApplicationProcess node, String kind, JsonNode task, Tally tally) {
        RestClient admin = node.administrator();
        String id = task.get("id").asText();
        Set<String> candidates = new TreeSet<>();
        for (JsonNode link : admin.get("/engine-rest/task/" + id + "/identity-links?type=candidate").json()) {
            candidates.add(link.hasNonNull("groupId") ? "group " + link.get("groupId").asText() : "user " + link.path("userId").asText());
        }
        for (AuthorizationMatrixTest.Role role : AuthorizationMatrixTest.Role.values()) {
            String user = role.userId;
            RestClient client = user == null ? RestClient.anonymous(node.port())
                    : role == AuthorizationMatrixTest.Role.ADMINISTRATOR ? admin : node.as(user, "demo");
            boolean reads = user != null && (role == AuthorizationMatrixTest.Role.ADMINISTRATOR
                    || role == AuthorizationMatrixTest.Role.SECRETARIAT
                    || user.equals(task.path("assignee").asText()) || candidates.contains("user " + user)
                    || groups(admin, user).stream().anyMatch(group -> candidates.contains("group " + group)));
            Map<String, RestClient.Response> answers = new LinkedHashMap<>();
            answers.put("read the task", client.get("/engine-rest/task/" + id));
            answers.put("read its variables", client.get("/engine-rest/task/" + id + "/variables"));
            if (!reads) {
                answers.put("complete it", client.post("/engine-rest/task/" + id + "/submit-form", "{\"variables\":{}}"));
            }
            if (role != AuthorizationMatrixTest.Role.ADMINISTRATOR) {
                answers.put("add a candidate group", client.post("/engine-rest/task/" + id + "/identity-links",
                        "{\"groupId\":\"org-gss\",\"type\":\"candidate\"}"));
            }
            answers.forEach((what, answer) -> {
                tally.accessCells++;
                boolean allowed = answer.status() >= 200 && answer.status() < 300;
                boolean expected = reads && what.startsWith("read");
                boolean refused = user == null ? answer.status() == 401 : answer.status() == 403 || answer.status() == 404;
                if (expected ? !allowed : !refused) {
                    tally.wrong.add(kind + " " + candidates + ": " + role + " may " + (expected ? "" : "not ") + what
                            + ", got " + answer.status() + " " + abbreviate(answer.body()));
                }
            });
        }
    }

    /** The user's groups now (memberships change as the processes go on: a new workstream's leads). */
    private static Set<String> groups(RestClient admin, String user) {
        Set<String> groups = new TreeSet<>();
        admin.get("/engine-rest/group?member=" + user).json().forEach(group -> groups.add(group.get("id").asText()));
        return groups;
    }

    /** "process key/task key" of every user task in the deployed models. */
    private static Set<String> userTasks(RestClient admin) {
        Set<String> userTasks = new TreeSet<>();
        for (JsonNode definition : admin.get("/engine-rest/process-definition?latestVersion=true").json()) {
            String xml = admin.get("/engine-rest/process-definition/" + definition.get("id").asText() + "/xml").json()
                    .get("bpmn20Xml").asText();
            Matcher task = USER_TASK.matcher(xml);
            while (task.find()) {
                userTasks.add(definition.get("key").asText() + "/" + task.group(1));
            }
        }
        return userTasks;
    }

    private static final Pattern USER_TASK = Pattern.compile("<bpmn:userTask id=\"([^\"]+)\"");

    /**
     * Walks the demo's processes, with valid input as their users would give it, to a task of every kind the
     * demo data does not hold open, sweeping after each step. The walk fails if a step is refused, so a
     * hostile input that was wrongly accepted and moved a process on shows up here too.
     */
    private static void walkToEveryOtherTask(ApplicationProcess node, String database, Runnable sweep) throws Exception {
        ProcessWalk walk = new ProcessWalk(node);
        RestClient admin = node.administrator();
        RestClient secretariat = node.as("sofia.secretariat", "demo");

        // A mail that cannot be delivered: the UNSD representative's address is broken before the next ballot opens.
        JsonNode profile = admin.get("/engine-rest/user/amina.unsd/profile").json();
        ((ObjectNode) profile).put("email", "amina@@unsd");
        assertThat(admin.put("/engine-rest/user/amina.unsd/profile", profile.toString()).status()).isEqualTo(204);

        // Two current co-lead terms ending together, not yet elected: a new election asks the Secretariat about continuity.
        for (String organisation : List.of("odw", "worldbank")) {
            assertThat(secretariat.post("/api/election/terms", JSON.writeValueAsString(Map.of("organisationId", organisation,
                    "startsOn", "2025-12-01", "endsOn", "2027-12-01"))).status()).isEqualTo(201);
        }
        String continuity = walk.start("co-lead-election", "sofia.secretariat", Map.of());
        walk.awaitTask(continuity, "Task_ProposeContinuity");

        // Proposals: one accepted by the Secretariat, one returned to its proposer.
        String accepted = walk.tasks("processDefinitionKey=workstream-proposal&taskDefinitionKey=Task_CheckCompleteness")
                .get(0).get("processInstanceId").asText();
        walk.completeAll(accepted, "Task_CheckCompleteness", Map.of("completeness", "accept", "reviewComments", "Complete."));
        String returned = walk.start("workstream-proposal", "kofi.gss", Map.of("title", "Citizen data on water access",
                "objectives", "Documents how communities measure access to water", "scope", "Members and partners",
                "termsOfReference", "The workstream consults the members and reports every three months.",
                "durationMonths", 12, "deliverables", "A guidance note", "leads", "kofi.gss, ama.gss"));
        walk.completeAll(returned, "Task_CheckCompleteness", Map.of("completeness", "return",
                "reviewComments", "Please name the deliverables' dates."));
        walk.awaitTask(returned, "Task_ReviseProposal");
        walk.awaitTask(accepted, "Task_ReviewConsistency");
        sweep.run();
        walk.completeAll(accepted, "Task_ReviewConsistency", Map.of("consistency", "clear"));
        walk.decide(accepted, "reject");
        walk.awaitTask(accepted, "Task_ConsiderResubmission");
        sweep.run();

        // The active workstream: its report reviewed, then its planned end reached.
        String workstream = walk.tasks("processDefinitionKey=workstream").get(0).get("processInstanceId").asText();
        walk.completeOpen(workstream, "Task_SubmitReport", Map.of("progress", "Two consultations held."));
        walk.awaitTask(workstream, "Task_ReviewReport");
        walk.fireTimer(workstream, "Timer_PlannedEnd");
        walk.awaitTask(workstream, "Task_CloseOrExtend");
        sweep.run();

        // The demo's open ballot closes twice without a quorum: the co-leads decide.
        String ballot = admin.get("/engine-rest/process-instance?processDefinitionKey=steering-committee-decision"
                + "&rootProcessInstances=true").json().get(0).get("id").asText();
        walk.fireTimer(ballot, "Timer_VotingCloses");
        walk.awaitTasks(ballot, "Task_CastVote");
        walk.fireTimer(ballot, "Timer_VotingCloses");
        walk.awaitTask(ballot, "Task_DecideWithoutQuorum");
        sweep.run();

        // The output whose comments await answers: answered, approved, its track confirmed; no Commission
        // session in the calendar, so the Secretariat adds one; prepared, the session over, returned.
        String output = walk.tasks("processDefinitionKey=output-review&taskDefinitionKey=Task_AnswerComments").get(0)
                .get("processInstanceId").asText();
        StringBuilder dispositions = new StringBuilder();
        Matcher comment = Pattern.compile("\\*\\*(\\d+)\\*\\*[^\\n]*not answered yet").matcher(walk.variable(output, "commentMatrix"));
        while (comment.find()) {
            dispositions.append(comment.group(1)).append(" | accepted | Thank you, done.\n");
        }
        walk.completeAll(output, "Task_AnswerComments", Map.of("dispositions", dispositions.toString()));
        walk.decide(output, "approve");
        walk.awaitTask(output, "Task_ConfirmTrack");
        sweep.run();
        try (Connection connection = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            connection.createStatement().executeUpdate("delete from commission_session");
        }
        walk.completeAll(output, "Task_ConfirmTrack", Map.of("track", walk.variable(output, "proposedTrack")));
        walk.awaitTask(output, "Task_AddSession");
        sweep.run();
        walk.completeAll(output, "Task_AddSession", Map.of("sessionNumber", 60, "opensOn", "2029-03-06",
                "closesOn", "2029-03-09", "documentDeadline", ""));
        walk.awaitTask(output, "Task_PrepareSubmission");
        sweep.run();
        walk.completeOpen(output, "Task_PrepareSubmission", Map.of("documentSymbol", "E/CN.3/2029/7"));
        walk.fireTimer(output, "Timer_SessionEnded");
        walk.awaitTask(output, "Task_RecordCommissionOutcome");
        sweep.run();
        walk.completeAll(output, "Task_RecordCommissionOutcome", Map.of("commissionOutcome", "RETURNED",
                "commissionRequests", "Shorten the annex."));
        walk.awaitTask(output, "Task_ReviseOutput");
        sweep.run();

        // The demo election: nominations close, both nominees accept, the Steering Committee votes, the
        // Secretariat certifies, the outgoing and incoming co-leads hand over.
        String election = walk.tasks("processDefinitionKey=co-lead-election&taskDefinitionKey=Task_Nominate").get(0)
                .get("processInstanceId").asText();
        walk.fireTimer(election, "Timer_NominationsClose");
        walk.awaitTask(election, "Task_AnswerNomination");
        sweep.run();
        walk.completeAll(election, "Task_AnswerNomination", Map.of("nominationAnswer", "accept"));
        walk.awaitTask(election, "Task_VoteCoLeads");
        sweep.run();
        walk.completeAll(election, "Task_VoteCoLeads", Map.of("secretChoices", List.of("gpsdd", "paris21")));
        walk.awaitTask(election, "Task_CertifyResult");
        sweep.run();
        walk.completeOpen(election, "Task_CertifyResult", Map.of("certified", true));
        walk.awaitTask(election, "Task_HandOver");
        walk.awaitTask(election, "Task_TakeOver");
        sweep.run();

        // The demo's drive closes; the Secretariat opens the next one by hand.
        String drive = admin.get("/engine-rest/process-instance?processDefinitionKey=membership-drive").json().get(0)
                .get("id").asText();
        walk.fireTimer(drive, "Timer_WindowClosed");
        String next = walk.start("membership-drive", "sofia.secretariat", Map.of("applicationWindowWeeks", 6));
        walk.awaitTask(next, "Task_AnnounceDrive");

        // The broken address's mail has reached the Secretariat by now.
        Poll.until(() -> walk.tasks("processDefinitionKey=undeliverable-mail").isEmpty() ? null : true,
                Duration.ofSeconds(60), Duration.ofMillis(200));
        sweep.run();
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
