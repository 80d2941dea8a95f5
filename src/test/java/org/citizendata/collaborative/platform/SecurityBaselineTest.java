package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The security baseline, tried over HTTP as the Collaborative's real users. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityBaselineTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;

    private RestClient as(String userId) {
        return RestClient.as(port, userId, DEMO_PASSWORD);
    }

    @Test
    void engineRestWithoutCredentialsIsRefused() {
        assertThat(RestClient.anonymous(port).get("/engine-rest/task").status()).isEqualTo(401);
        assertThat(RestClient.anonymous(port).get("/engine-rest/user").status()).isEqualTo(401);
    }

    @Test
    void aMemberSeesTheTasksOfTheirOrganisationOnly() {
        List<String> groups = candidateGroupsOfVisibleTasks(as("kofi.gss"));
        assertThat(groups).isNotEmpty().containsOnly("org-gss");

        JsonNode unsdTasks = as("kofi.gss").get("/engine-rest/task?candidateGroup=org-unsd").json();
        assertThat(unsdTasks).isEmpty();
        JsonNode unsdTasksOr = as("kofi.gss").post("/engine-rest/task",
                "{\"orQueries\":[{\"candidateGroup\":\"org-unsd\"},{\"candidateGroup\":\"org-dihr\"}]}").json();
        assertThat(unsdTasksOr).isEmpty();
    }

    @Test
    void theSecretariatSeesAllOpenWork() {
        int all = as("sofia.secretariat").get("/engine-rest/task/count").json().get("count").asInt();
        int gss = as("kofi.gss").get("/engine-rest/task/count").json().get("count").asInt();
        assertThat(all).isGreaterThan(gss);
        assertThat(candidateGroupsOfVisibleTasks(as("sofia.secretariat"))).contains("org-gss", "org-unsd");
    }

    @Test
    void theFirstRunSetupCannotCreateAnAdministrator() {
        RestClient.Response response = RestClient.anonymous(port).post("/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@n.example\"},"
                        + "\"credentials\":{\"password\":\"intruder-password\"}}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(RestClient.as(port, ADMIN_ID, ADMIN_PASSWORD).get("/engine-rest/user?id=intruder").json()).isEmpty();
    }

    @Test
    void anExpressionInsideOrQueriesFromAMemberIsRefused() {
        RestClient.Response response = as("kofi.gss").post("/engine-rest/task",
                "{\"orQueries\":[{\"candidateGroupsExpression\":\"${currentUserGroups()}\"}]}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("candidateGroupsExpression");

        RestClient.Response count = as("kofi.gss").post("/engine-rest/task/count",
                "{\"orQueries\":[{\"active\":true,\"assigneeExpression\":\"${'amina.unsd'}\"}]}");
        assertThat(count.status()).isEqualTo(400);
    }

    @Test
    void anExpressionInAQueryParameterOrAFilterExtensionIsRefused() {
        assertThat(as("kofi.gss").get("/engine-rest/task?assigneeExpression=$%7BcurrentUser()%7D").status())
                .isEqualTo(400);
        String filterId = filterId(as("kofi.gss"), TasklistAccess.MY_ORGANISATION);
        RestClient.Response extended = as("kofi.gss").post("/engine-rest/filter/" + filterId + "/list",
                "{\"orQueries\":[{\"candidateUserExpression\":\"${'amina.unsd'}\"}]}");
        assertThat(extended.status()).isEqualTo(400);
        RestClient.Response plain = as("kofi.gss").post("/engine-rest/filter/" + filterId + "/list", "{}");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json()).isNotEmpty();
    }

    @Test
    void eachRoleSeesItsTasklistFilters() {
        assertThat(filterNames(as("kofi.gss")))
                .containsExactlyInAnyOrder(TasklistAccess.MY_TASKS, TasklistAccess.MY_ORGANISATION);
        assertThat(filterNames(as("amina.unsd"))).containsExactlyInAnyOrder(TasklistAccess.MY_TASKS,
                TasklistAccess.MY_ORGANISATION, TasklistAccess.STEERING_COMMITTEE_VOTES);
        assertThat(filterNames(as("sofia.secretariat"))).containsExactlyInAnyOrder(TasklistAccess.MY_TASKS,
                TasklistAccess.MY_ORGANISATION, TasklistAccess.ALL_OPEN_WORK);
    }

    @Test
    void membersUseTasklistOnlyAndCannotCreateFilters() {
        assertThat(isAuthorized(as("kofi.gss"), "ACCESS", 0, "tasklist")).isTrue();
        assertThat(isAuthorized(as("kofi.gss"), "ACCESS", 0, "cockpit")).isFalse();
        assertThat(isAuthorized(as("kofi.gss"), "ACCESS", 0, "admin")).isFalse();
        assertThat(isAuthorized(as("sofia.secretariat"), "ACCESS", 0, "cockpit")).isTrue();

        RestClient.Response created = as("kofi.gss").post("/engine-rest/filter/create",
                "{\"resourceType\":\"Task\",\"name\":\"Everything\",\"query\":{}}");
        assertThat(created.status()).isEqualTo(403);
        assertThat(filterNames(as("kofi.gss"))).doesNotContain("Everything");
    }

    @Test
    void anAdministratorAlwaysExists() {
        RestClient.Response groups = RestClient.as(port, ADMIN_ID, ADMIN_PASSWORD).get("/engine-rest/group?member=" + ADMIN_ID);
        assertThat(groups.status()).isEqualTo(200);
        assertThat(groups.body()).contains("camunda-admin");
    }

    /** Last: a wrong password locks the user for a few seconds. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aWrongPasswordIsRefused() {
        assertThat(RestClient.as(port, "hana.uneca", "not-the-password").get("/engine-rest/task").status())
                .isEqualTo(401);
    }

    private static List<String> candidateGroupsOfVisibleTasks(RestClient client) {
        List<String> groups = new ArrayList<>();
        for (JsonNode task : client.get("/engine-rest/task").json()) {
            for (JsonNode link : client.get("/engine-rest/task/" + task.get("id").asText() + "/identity-links?type=candidate").json()) {
                groups.add(link.get("groupId").asText());
            }
        }
        return groups;
    }

    private static List<String> filterNames(RestClient client) {
        List<String> names = new ArrayList<>();
        client.get("/engine-rest/filter").json().forEach(f -> names.add(f.get("name").asText()));
        return names;
    }

    private static String filterId(RestClient client, String name) {
        for (JsonNode filter : client.get("/engine-rest/filter").json()) {
            if (filter.get("name").asText().equals(name)) {
                return filter.get("id").asText();
            }
        }
        throw new AssertionError("No filter " + name);
    }

    private static boolean isAuthorized(RestClient client, String permission, int resourceType, String resourceId) {
        return client.get("/engine-rest/authorization/check?permissionName=" + permission + "&resourceName=application"
                + "&resourceType=" + resourceType + "&resourceId=" + resourceId).json().get("authorized").asBoolean();
    }
}
