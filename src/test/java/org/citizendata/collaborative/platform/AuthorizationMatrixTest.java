package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.decision.SteeringCommitteeDecision;
import org.citizendata.collaborative.testsupport.BrowserLikeClient;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 11, item 4: every role against every endpoint family and every open task type, with the
 * answer each must get. One run checks the whole table and reports every cell that is wrong.
 * Writes that would change the demo data are tried only by roles that must be refused; where a
 * role is allowed past its role check, the request carries input the endpoint refuses (400, or
 * 404 for an unknown id), so nothing changes either way.
 */
class AuthorizationMatrixTest extends PostgresApplicationTest {

    enum Role {
        ANONYMOUS(null), MEMBER("kofi.gss"), OTHER_ORGANISATION("erik.sida"), WORKSTREAM_LEAD("camila.sdp"),
        STEERING_COMMITTEE("jonas.icscentre"), CO_LEAD("lucia.unwomen"), SECRETARIAT("james.secretariat"),
        ADMINISTRATOR(ADMIN_ID);

        final String userId;

        Role(String userId) {
            this.userId = userId;
        }
    }

    /** What a role must get. */
    enum Outcome {
        /** 2xx. */
        OK,
        /** 401 without credentials, 403 or 404 (the engine hides what the user may not read) with them. */
        REFUSED,
        /** 200 and an empty list: the engine filtered everything out. */
        EMPTY,
        /** 200 and a list with something in it. */
        SOME,
        /** Past the role check, the input refused: 400, 404 or 409, never 401 or 403. */
        INPUT_REFUSED,
        /** Not tried: the role may do it, and doing it would change the demo data. */
        NOT_TRIED
    }

    record Row(String family, String request, Function<RestClient, RestClient.Response> call, Expected expected) {
    }

    /** The demo data's open Steering Committee ballot (DemoBallot). */
    static final String DEMO_BALLOT = "demo-ballot";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyRoleGetsWhatItMayAndNothingElse() {
        List<Row> rows = new ArrayList<>();
        engineRest(rows);
        applicationEndpoints(rows);
        taskTypes(rows);

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Row row : rows) {
            for (Role role : Role.values()) {
                Outcome expected = row.expected().outcomes().get(role);
                if (expected == Outcome.NOT_TRIED) {
                    continue;
                }
                cells++;
                RestClient.Response response = row.call().apply(client(role));
                if (!matches(expected, role, response)) {
                    wrong.add(row.family() + " | " + row.request() + " | " + role + ": expected " + expected + ", got "
                            + response.status() + " " + abbreviate(response.body()));
                }
            }
        }
        for (Role role : Role.values()) {
            if (role == Role.ANONYMOUS) {
                continue;
            }
            cells += webApplications(role, wrong);
        }
        System.out.printf("Authorization matrix: %d rows x %d roles, %d cells checked%n", rows.size() + 3,
                Role.values().length, cells);
        assertThat(wrong).as("cells of the authorization matrix that answered wrongly").isEmpty();
    }

    /** The engine's REST API: tasks, instances, deployments, history, users, groups, authorizations, filters. */
    private void engineRest(List<Row> rows) {
        String ballotInstance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(DEMO_BALLOT).singleResult().getId();
        String myOrganisation = engine.getFilterService().createFilterQuery().filterName(TasklistAccess.MY_ORGANISATION)
                .singleResult().getId();
        Set<Role> seeEveryInstance = Set.of(Role.SECRETARIAT, Role.ADMINISTRATOR);

        rows.add(get("tasks", "/engine-rest/task?maxResults=5", every(Outcome.SOME)));
        rows.add(get("process instances", "/engine-rest/process-instance?maxResults=5",
                every(Outcome.EMPTY).and(Outcome.SOME, seeEveryInstance)));
        rows.add(get("process instances", "/engine-rest/process-instance/" + ballotInstance + "/variables",
                every(Outcome.REFUSED).and(Outcome.OK, seeEveryInstance)));
        rows.add(get("process instances", "/engine-rest/variable-instance?processInstanceIdIn=" + ballotInstance,
                every(Outcome.EMPTY).and(Outcome.SOME, seeEveryInstance)));
        rows.add(new Row("process instances", "DELETE the demo ballot's instance",
                client -> client.delete("/engine-rest/process-instance/" + ballotInstance),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
        rows.add(new Row("process definitions", "start a co-lead election",
                client -> client.post("/engine-rest/process-definition/key/co-lead-election/start", "{}"),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, seeEveryInstance)));
        rows.add(get("process definitions", "/engine-rest/process-definition?maxResults=5", every(Outcome.SOME)));
        rows.add(get("decision definitions", "/engine-rest/decision-definition",
                every(Outcome.EMPTY).and(Outcome.SOME, seeEveryInstance)));
        rows.add(get("deployments", "/engine-rest/deployment",
                every(Outcome.EMPTY).and(Outcome.SOME, Role.ADMINISTRATOR)));
        rows.add(new Row("deployments", "deploy a model with a script task",
                client -> client.postFile("/engine-rest/deployment/create", "script.bpmn", SCRIPT_MODEL),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
        rows.add(get("history", "/engine-rest/history/process-instance?processInstanceId=" + ballotInstance,
                every(Outcome.EMPTY).and(Outcome.SOME, seeEveryInstance)));
        rows.add(get("history", "/engine-rest/history/variable-instance?processInstanceId=" + ballotInstance,
                every(Outcome.EMPTY).and(Outcome.SOME, seeEveryInstance)));
        rows.add(get("history", "/engine-rest/history/task?processInstanceId=" + ballotInstance,
                every(Outcome.EMPTY).and(Outcome.SOME, seeEveryInstance)));
        rows.add(get("users", "/engine-rest/user?id=sofia.secretariat",
                every(Outcome.EMPTY).and(Outcome.SOME, seeEveryInstance)));
        rows.add(new Row("users", "create a user",
                client -> client.post("/engine-rest/user/create",
                        "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@example.org\"},"
                                + "\"credentials\":{\"password\":\"a-long-password\"}}"),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
        rows.add(get("groups", "/engine-rest/group", every(Outcome.SOME)));
        rows.add(new Row("groups", "join the Secretariat's group",
                client -> client.put("/engine-rest/group/secretariat/members/" + Role.MEMBER.userId, ""),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
        rows.add(new Row("groups", "create a group",
                client -> client.post("/engine-rest/group/create", "{\"id\":\"intruders\",\"name\":\"Intruders\"}"),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
        rows.add(get("authorizations", "/engine-rest/authorization", every(Outcome.EMPTY).and(Outcome.SOME, Role.ADMINISTRATOR)));
        rows.add(new Row("authorizations", "grant oneself every task",
                client -> client.post("/engine-rest/authorization/create", "{\"type\":1,\"permissions\":[\"ALL\"],"
                        + "\"userId\":\"kofi.gss\",\"resourceType\":7,\"resourceId\":\"*\"}"),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
        rows.add(get("filters", "/engine-rest/filter", every(Outcome.SOME)));
        rows.add(new Row("filters", "create a filter",
                client -> client.post("/engine-rest/filter/create",
                        "{\"resourceType\":\"Task\",\"name\":\"Everything\",\"query\":{}}"),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
        rows.add(new Row("filters", "widen the filter My organisation to every task",
                client -> client.put("/engine-rest/filter/" + myOrganisation,
                        "{\"resourceType\":\"Task\",\"name\":\"My organisation\",\"query\":{}}"),
                every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
    }

    /** The application's own endpoints, the dashboard and the public application page. */
    private void applicationEndpoints(List<Row> rows) {
        String ballotId = (String) engine.getRuntimeService().getVariable(engine.getRuntimeService()
                .createProcessInstanceQuery().processInstanceBusinessKey(DEMO_BALLOT).singleResult().getId(),
                SteeringCommitteeDecision.BALLOT_ID);
        String output = jdbc.queryForObject("select o.output_key from output o join act_id_membership m"
                + " on m.group_id_ = 'workstream-' || o.workstream_key where m.user_id_ = ? order by o.created_at limit 1",
                String.class, Role.WORKSTREAM_LEAD.userId);
        Set<Role> secretariat = Set.of(Role.SECRETARIAT, Role.ADMINISTRATOR);
        Set<Role> oversight = Set.of(Role.STEERING_COMMITTEE, Role.CO_LEAD, Role.SECRETARIAT, Role.ADMINISTRATOR);

        rows.add(get("mail outbox", "/api/mail/outbox", every(Outcome.REFUSED).and(Outcome.OK, secretariat)));
        rows.add(new Row("mail outbox", "resend an unknown mail",
                client -> client.post("/api/mail/outbox/no-such-mail/resend", "{}"),
                every(Outcome.REFUSED).and(Outcome.INPUT_REFUSED, secretariat)));
        rows.add(new Row("membership", "a password link for an unknown representative",
                client -> client.post("/api/membership/representatives/no-such-user/password-link", "{}"),
                every(Outcome.REFUSED).and(Outcome.INPUT_REFUSED, secretariat)));
        rows.add(get("election", "/api/election/terms", every(Outcome.OK)));
        rows.add(new Row("election", "record an empty co-lead term", client -> client.post("/api/election/terms", "{}"),
                every(Outcome.REFUSED).and(Outcome.INPUT_REFUSED, secretariat)));
        rows.add(get("commission", "/api/commission/sessions", every(Outcome.OK)));
        rows.add(new Row("commission", "add an empty session", client -> client.post("/api/commission/sessions", "{}"),
                every(Outcome.REFUSED).and(Outcome.INPUT_REFUSED, secretariat)));
        rows.add(get("ballots", "/api/ballots/" + ballotId + " (open)", "/api/ballots/" + ballotId,
                every(Outcome.REFUSED).and(Outcome.OK, secretariat)));
        rows.add(get("ballots", "/api/ballots/" + ballotId + "/events.csv",
                every(Outcome.REFUSED).and(Outcome.OK, secretariat)));
        rows.add(get("outputs", "/api/outputs/" + output + "/comments.csv",
                every(Outcome.REFUSED).and(Outcome.OK, oversight).and(Outcome.OK, Role.WORKSTREAM_LEAD)));
        rows.add(get("dashboard", "/dashboard", every(Outcome.REFUSED).and(Outcome.OK, oversight)));
        rows.add(get("dashboard", "/dashboard/proposals.csv", every(Outcome.REFUSED).and(Outcome.OK, oversight)));
        rows.add(get("apply", "/apply", every(Outcome.OK).and(Outcome.OK, Role.ANONYMOUS)));
    }

    /**
     * One open task of every task type: read by its candidates (and the Secretariat and the
     * administrator, who read every task), refused to everyone else; nobody but the administrator
     * adds a candidate group to it.
     */
    private void taskTypes(List<Row> rows) {
        Map<String, Task> oneOfEachType = new TreeMap<>();
        for (Task task : engine.getTaskService().createTaskQuery().active().orderByTaskCreateTime().asc().list()) {
            String process = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getKey();
            oneOfEachType.putIfAbsent(process + "/" + task.getTaskDefinitionKey(), task);
        }
        assertThat(oneOfEachType).as("open task types in the demo data").hasSizeGreaterThan(3);
        for (Map.Entry<String, Task> type : oneOfEachType.entrySet()) {
            Task task = type.getValue();
            Set<String> candidates = new HashSet<>();
            for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
                if (link.getGroupId() != null) {
                    candidates.add(link.getGroupId());
                }
            }
            Expected read = every(Outcome.REFUSED).and(Outcome.OK, Role.SECRETARIAT, Role.ADMINISTRATOR);
            for (Role role : Role.values()) {
                if (role.userId != null && (role.userId.equals(task.getAssignee()) || groupsOf(role).stream().anyMatch(candidates::contains))) {
                    read = read.and(Outcome.OK, role);
                }
            }
            String family = "task " + type.getKey() + " (" + String.join(", ", candidates) + ")";
            rows.add(get(family, "/engine-rest/task/" + task.getId(), read));
            rows.add(get(family, "/engine-rest/task/" + task.getId() + "/variables", read));
            rows.add(new Row(family, "add one's own organisation as a candidate",
                    client -> client.post("/engine-rest/task/" + task.getId() + "/identity-links",
                            "{\"groupId\":\"org-gss\",\"type\":\"candidate\"}"),
                    every(Outcome.REFUSED).and(Outcome.NOT_TRIED, Role.ADMINISTRATOR)));
        }
    }

    /** Logging in to Tasklist, Cockpit and Admin as the role. Returns the number of cells checked. */
    private int webApplications(Role role, List<String> wrong) {
        Map<String, Boolean> allowed = Map.of(
                "tasklist", true,
                "cockpit", role == Role.SECRETARIAT || role == Role.ADMINISTRATOR,
                "admin", role == Role.ADMINISTRATOR);
        for (Map.Entry<String, Boolean> application : allowed.entrySet()) {
            BrowserLikeClient browser = new BrowserLikeClient(port, "192.0.2." + (10 + role.ordinal()));
            RestClient.Response login = browser.loginTo(application.getKey(), role.userId, password(role));
            boolean in = login.status() == 200;
            if (in != application.getValue()) {
                wrong.add("web applications | log in to " + application.getKey() + " | " + role + ": expected "
                        + (application.getValue() ? "OK" : "REFUSED") + ", got " + login.status() + " " + abbreviate(login.body()));
            }
        }
        return allowed.size();
    }

    private static boolean matches(Outcome expected, Role role, RestClient.Response response) {
        int status = response.status();
        return switch (expected) {
            case OK -> status >= 200 && status < 300;
            case REFUSED -> role == Role.ANONYMOUS ? status == 401 : status == 403 || status == 404;
            case EMPTY -> status == 200 && isArray(response) && response.json().isEmpty();
            case SOME -> status == 200 && isArray(response) && !response.json().isEmpty();
            case INPUT_REFUSED -> status == 400 || status == 404 || status == 409;
            case NOT_TRIED -> true;
        };
    }

    private static boolean isArray(RestClient.Response response) {
        try {
            JsonNode json = response.json();
            return json.isArray();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private RestClient client(Role role) {
        return role == Role.ANONYMOUS ? RestClient.anonymous(port) : RestClient.as(port, role.userId, password(role));
    }

    private static String password(Role role) {
        return role == Role.ADMINISTRATOR ? ADMIN_PASSWORD : DEMO_PASSWORD;
    }

    private List<String> groupsOf(Role role) {
        return role.userId == null ? List.of()
                : identityService.createGroupQuery().groupMember(role.userId).list().stream().map(Group::getId).toList();
    }

    private static Row get(String family, String path, Expected expected) {
        return get(family, path, path, expected);
    }

    private static Row get(String family, String label, String path, Expected expected) {
        return new Row(family, "GET " + label, client -> client.get(path), expected);
    }

    /** Every authenticated role gets {@code outcome}; anonymous requests are refused unless said otherwise. */
    private static Expected every(Outcome outcome) {
        Map<Role, Outcome> outcomes = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            outcomes.put(role, role == Role.ANONYMOUS ? Outcome.REFUSED : outcome);
        }
        return new Expected(outcomes);
    }

    record Expected(Map<Role, Outcome> outcomes) {

        Expected and(Outcome outcome, Role... roles) {
            return and(outcome, Set.of(roles));
        }

        Expected and(Outcome outcome, Set<Role> roles) {
            Map<Role, Outcome> copy = new EnumMap<>(outcomes);
            roles.forEach(role -> copy.put(role, outcome));
            return new Expected(copy);
        }
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }

    static final String SCRIPT_MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Script" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="intruder-script" isExecutable="true" camunda:historyTimeToLive="1">
                <bpmn:startEvent id="Start" />
                <bpmn:scriptTask id="Script" scriptFormat="javascript"><bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Script" />
              </bpmn:process>
            </bpmn:definitions>
            """;
}
