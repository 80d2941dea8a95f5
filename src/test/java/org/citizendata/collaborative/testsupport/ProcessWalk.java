package org.citizendata.collaborative.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves a running application's processes on over HTTP, as their users would in Tasklist: each
 * task is completed by someone it is offered to (its assignee, a candidate user, or a member of a
 * candidate group; a Steering Committee organisation's representative for its group), timers are
 * run by the administrator as the job executor would when they fall due.
 */
public final class ProcessWalk {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ApplicationProcess node;
    private final RestClient admin;

    public ProcessWalk(ApplicationProcess node) {
        this.node = node;
        this.admin = node.administrator();
    }

    /** The open tasks of a kind in a process instance, waiting until there is at least one. */
    public List<JsonNode> awaitTasks(String processInstanceId, String taskKey) {
        return Poll.until(() -> {
            List<JsonNode> open = tasks("processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + taskKey);
            return open.isEmpty() ? null : open;
        }, WAIT, Duration.ofMillis(200));
    }

    /** The one open task of a kind of the process instance, once there is one. */
    public JsonNode awaitTask(String processInstanceId, String taskKey) {
        return awaitTasks(processInstanceId, taskKey).get(0);
    }

    /** The open tasks matching an {@code /engine-rest/task} query string. */
    public List<JsonNode> tasks(String query) {
        List<JsonNode> open = new ArrayList<>();
        admin.get("/engine-rest/task?maxResults=1000&" + query).json().forEach(open::add);
        return open;
    }

    /** The process instance a call activity of the caller started (a Steering Committee ballot). */
    public String awaitCalled(String callerInstanceId) {
        return Poll.until(() -> {
            JsonNode called = admin.get("/engine-rest/process-instance?superProcessInstance=" + callerInstanceId).json();
            return called.isEmpty() ? null : called.get(0).get("id").asText();
        }, WAIT, Duration.ofMillis(200));
    }

    /** Completes the task through its form as someone it is offered to; fails unless it is accepted. */
    public void complete(JsonNode task, Map<String, Object> values) {
        String id = task.get("id").asText();
        String user = actor(id);
        RestClient.Response answer = node.as(user, "demo").post("/engine-rest/task/" + id + "/submit-form", variables(values));
        if (answer.status() != 204) {
            throw new AssertionError(task.get("taskDefinitionKey").asText() + " as " + user + " with " + values + ": "
                    + answer.status() + " " + answer.body());
        }
    }

    /** Completes every open task of a kind in the process instance the same way. */
    public void completeAll(String processInstanceId, String taskKey, Map<String, Object> values) {
        for (JsonNode task : awaitTasks(processInstanceId, taskKey)) {
            complete(task, values);
        }
    }

    /** Completes the tasks of a kind still open in the process instance (a sweep may have completed them). */
    public void completeOpen(String processInstanceId, String taskKey, Map<String, Object> values) {
        for (JsonNode task : tasks("processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + taskKey)) {
            complete(task, values);
        }
    }

    /** Every organisation declares no conflict, then all vote the same way, in the ballot the caller waits on. */
    public void decide(String callerInstanceId, String choice) {
        String ballot = awaitCalled(callerInstanceId);
        completeAll(ballot, "Task_DeclareConflict", Map.of("conflict", false));
        completeAll(ballot, "Task_CastVote", Map.of("choice", choice, "reason", "Walked through by a test"));
    }

    /** Starts a process through its start form as the user; returns the new instance's id. */
    public String start(String processKey, String user, Map<String, Object> values) {
        RestClient.Response answer = node.as(user, "demo").post("/engine-rest/process-definition/key/" + processKey
                + "/submit-form", variables(values));
        if (answer.status() != 200) {
            throw new AssertionError("Starting " + processKey + " as " + user + ": " + answer.status() + " " + answer.body());
        }
        return answer.json().get("id").asText();
    }

    /** Runs the timer of that event of the process instance now, as if its time had come. */
    public void fireTimer(String processInstanceId, String eventId) {
        JsonNode job = Poll.until(() -> {
            JsonNode jobs = admin.get("/engine-rest/job?processInstanceId=" + processInstanceId + "&activityId=" + eventId).json();
            return jobs.isEmpty() ? null : jobs.get(0);
        }, WAIT, Duration.ofMillis(200));
        RestClient.Response answer = admin.post("/engine-rest/job/" + job.get("id").asText() + "/execute", "");
        if (answer.status() != 204) {
            throw new AssertionError("Timer " + eventId + ": " + answer.status() + " " + answer.body());
        }
    }

    /** A variable of the process instance, as text. */
    public String variable(String processInstanceId, String name) {
        return admin.get("/engine-rest/process-instance/" + processInstanceId + "/variables/" + name).json().path("value").asText();
    }

    /** Who may complete the task: its assignee, a candidate user, or a member of a candidate group. */
    private String actor(String taskId) {
        JsonNode task = admin.get("/engine-rest/task/" + taskId).json();
        if (task.hasNonNull("assignee")) {
            return task.get("assignee").asText();
        }
        for (JsonNode link : admin.get("/engine-rest/task/" + taskId + "/identity-links?type=candidate").json()) {
            if (link.hasNonNull("userId")) {
                return link.get("userId").asText();
            }
            String group = link.get("groupId").asText();
            String representative = SteeringCommitteeVotes.REPRESENTATIVE.get(group.replaceFirst("^org-", ""));
            if (representative != null) {
                return representative;
            }
            if (group.equals("secretariat")) {
                return "sofia.secretariat";
            }
            JsonNode members = admin.get("/engine-rest/user?maxResults=1&memberOfGroup="
                    + URLEncoder.encode(group, StandardCharsets.UTF_8)).json();
            if (!members.isEmpty()) {
                return members.get(0).get("id").asText();
            }
        }
        throw new AssertionError("Nobody can complete task " + taskId + " (" + task.path("name").asText() + ")");
    }

    /** Form values as the REST API takes them: text, whole numbers, booleans, lists as JSON. */
    private static String variables(Map<String, Object> values) {
        ObjectNode variables = JSON.createObjectNode();
        values.forEach((name, value) -> {
            ObjectNode variable = variables.putObject(name);
            if (value instanceof List<?> list) {
                variable.put("value", JSON.valueToTree(list).toString());
                variable.put("type", "Json");
            } else {
                variable.set("value", JSON.valueToTree(value));
                variable.put("type", value instanceof Boolean ? "Boolean" : value instanceof Number ? "Long" : "String");
            }
        });
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        return body.toString();
    }
}
