package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task query's authorization check, rewritten in our copy of the engine's Task.xml
 * (BENCHMARKS.md): the copy is the one on the class path, it was made from this engine's file, and
 * the three ways a task becomes visible (a grant on the task, a grant on its process definition,
 * a global grant) still work, in lists and counts, and nothing else does; and the user's groups
 * are used as they are ({@link AuthorizedGroups}).
 */
class TaskQueryAuthorizationTest extends PostgresApplicationTest {

    static final String MAPPING = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";
    /** SHA-256 of camunda-engine 7.24.0's own Task.xml, from which our copy was made. */
    static final String ENGINE_ORIGINAL = "616c3e9cdf4055cab8493558ece2d3bce0a3edb7bb9fe88570758b5103caf821";

    @Autowired
    ProcessEngine engine;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void ourCopyOfTheMappingIsTheOneLoadedAndWasMadeFromThisEnginesFile() throws Exception {
        List<URL> copies = Collections.list(getClass().getClassLoader().getResources(MAPPING));
        assertThat(copies).hasSize(2);
        assertThat(read(copies.get(0))).contains("COLLABORATIVE WORKFLOWS CHANGE 1 of 3")
                .contains("COLLABORATIVE WORKFLOWS CHANGE 2 of 3").contains("COLLABORATIVE WORKFLOWS CHANGE 3 of 3");
        assertThat(copies.get(1).toString()).contains("camunda-engine-7.24.0.jar");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(copies.get(1)).getBytes())))
                .as("the engine's Task.xml changed: make our copy again from it, with the three marked changes")
                .isEqualTo(ENGINE_ORIGINAL);
    }

    @Test
    void aTaskIsVisibleThroughAGrantOnItselfOnItsProcessDefinitionOrAGlobalGrantAndOtherwiseNot() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String processKey = deployOneTaskProcess("visibility-" + suffix);
        String groupA = "vis-a-" + suffix;
        String groupB = "vis-b-" + suffix;
        String taskA = start(processKey, groupA);
        String taskB = start(processKey, groupB);

        // A grant on the task: the engine gives the candidate group one when the task is created.
        assertThat(visible("user-a-" + suffix, List.of(groupA), processKey)).containsExactly(taskA);
        assertThat(visible("user-b-" + suffix, List.of(groupB), processKey)).containsExactly(taskB);
        assertThat(visible("nobody-" + suffix, List.of("no-group-" + suffix), processKey)).isEmpty();

        // A grant of READ_TASK on the process definition: every task of it.
        String reader = "reader-" + suffix;
        grant(reader, Resources.PROCESS_DEFINITION, processKey, Permissions.READ_TASK);
        assertThat(visible(reader, List.of(), processKey)).containsExactlyInAnyOrder(taskA, taskB);

        // A grant on every task ('*'), to the user or to one of their groups.
        String auditor = "auditor-" + suffix;
        Authorization all = grant(auditor, Resources.TASK, "*", Permissions.READ);
        assertThat(visible(auditor, List.of(), processKey)).containsExactlyInAnyOrder(taskA, taskB);
        engine.getAuthorizationService().deleteAuthorization(all.getId());
        assertThat(visible(auditor, List.of(), processKey)).isEmpty();
        String auditors = "auditors-" + suffix;
        Authorization allToGroup = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        allToGroup.setGroupId(auditors);
        allToGroup.setResource(Resources.TASK);
        allToGroup.setResourceId("*");
        allToGroup.addPermission(Permissions.READ);
        engine.getAuthorizationService().saveAuthorization(allToGroup);
        assertThat(visible(auditor, List.of(auditors), processKey)).containsExactlyInAnyOrder(taskA, taskB);
        engine.getAuthorizationService().deleteAuthorization(allToGroup.getId());
    }

    @Test
    void groupsWithoutAuthorizationsAreKeptAsTheyAreWithoutReadingEveryAuthorizedGroup() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getSessionFactories().get(AuthorizationManager.class).openSession())
                .isInstanceOf(AuthorizedGroups.WithoutGroupScan.class);

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String processKey = deployOneTaskProcess("groups-" + suffix);
        String group = "grp-" + suffix;
        String task = start(processKey, group);
        // Groups that hold no authorization at all, before and after the one that does.
        assertThat(visible("user-" + suffix, List.of("empty-1-" + suffix, group, "empty-2-" + suffix), processKey))
                .containsExactly(task);
        assertThat(visible("user-" + suffix, List.of("empty-1-" + suffix, "empty-2-" + suffix), processKey)).isEmpty();
    }

    @Test
    void aNewMembershipShowsOverRestAtOnceThoughTheCredentialsAreRemembered() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String processKey = deployOneTaskProcess("membership-" + suffix);
        String group = "new-" + suffix;
        String task = start(processKey, group);
        org.citizendata.collaborative.testsupport.RestClient kofi =
                org.citizendata.collaborative.testsupport.RestClient.as(port, "kofi.gss", DEMO_PASSWORD);
        String path = "/engine-rest/task?processDefinitionKey=" + processKey;
        assertThat(kofi.get(path).json()).isEmpty(); // his credentials and groups are remembered now

        engine.getIdentityService().saveGroup(engine.getIdentityService().newGroup(group));
        engine.getIdentityService().createMembership("kofi.gss", group);
        try {
            assertThat(kofi.get(path).json().findValuesAsText("id")).containsExactly(task);
        } finally {
            engine.getIdentityService().deleteMembership("kofi.gss", group);
            engine.getIdentityService().deleteGroup(group);
        }
        assertThat(kofi.get(path).json()).isEmpty();
    }

    /** A process of one user task whose candidate group is the instance's variable {@code group}. */
    private String deployOneTaskProcess(String processKey) {
        engine.getRepositoryService().createDeployment().addModelInstance(processKey + ".bpmn",
                Bpmn.createExecutableProcess(processKey).camundaHistoryTimeToLive(1).startEvent().userTask("Task_Work")
                        .camundaCandidateGroups("${group}").endEvent().done()).deploy();
        return processKey;
    }

    private String start(String processKey, String group) {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(processKey, Map.of("group", group)).getId();
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    }

    private Authorization grant(String userId, Resources resource, String resourceId, Permissions permission) {
        Authorization authorization = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setUserId(userId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        return engine.getAuthorizationService().saveAuthorization(authorization);
    }

    /** The tasks of the process the user sees, listed and counted with authorization checks on. */
    private List<String> visible(String userId, List<String> groups, String processKey) {
        engine.getIdentityService().setAuthentication(userId, groups);
        try {
            List<String> listed = engine.getTaskService().createTaskQuery().processDefinitionKey(processKey).list().stream()
                    .map(Task::getId).toList();
            assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey(processKey).count())
                    .isEqualTo(listed.size());
            return listed;
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private static String read(URL url) throws Exception {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
