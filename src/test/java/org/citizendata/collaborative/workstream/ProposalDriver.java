package org.citizendata.collaborative.workstream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Acts in the workstream processes as the Collaborative's people would, through the engine. */
class ProposalDriver {

    static final List<String> STEERING_COMMITTEE = List.of("unsd", "unwomen", "icscentre", "gpsdd", "dihr", "sgpwd",
            "paris21", "odw", "worldbank", "unitar");
    static final Map<String, String> REPRESENTATIVE = Map.of("unsd", "amina.unsd", "unwomen", "lucia.unwomen",
            "icscentre", "jonas.icscentre", "gpsdd", "grace.gpsdd", "dihr", "mette.dihr", "sgpwd", "tomas.sgpwd",
            "paris21", "claire.paris21", "odw", "sam.odw", "worldbank", "ravi.worldbank", "unitar", "marc.unitar");

    final ProcessEngine engine;

    ProposalDriver(ProcessEngine engine) {
        this.engine = engine;
    }

    static Map<String, Object> proposal(String title) {
        Map<String, Object> form = new HashMap<>();
        form.put("title", title);
        form.put("objectives", "Guidance on using citizen data to monitor gender-based violence services");
        form.put("scope", "National statistical offices and civil society in three pilot countries");
        form.put("termsOfReference", "The workstream drafts guidance, tests it in pilots and reports to the Collaborative.");
        form.put("durationMonths", 12L);
        form.put("deliverables", "Guidance note; three pilot reports");
        form.put("leads", "kofi.gss, maria.psa");
        form.put("coProposers", "psa");
        form.put("resourcePersons", "Ada Expert; ada@research.example; survey methods\nBo Analyst; bo@ngo.example; ");
        return form;
    }

    ProcessInstance propose(String userId, Map<String, Object> form) {
        return as(userId, () -> engine.getFormService().submitStartForm(
                engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("workstream-proposal")
                        .latestVersion().singleResult().getId(), form));
    }

    Task task(ProcessInstance instance, String definitionKey) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(definitionKey).singleResult();
    }

    void complete(String userId, Task task, Map<String, Object> variables) {
        if (task == null) {
            throw new AssertionError("No such task");
        }
        as(userId, () -> {
            engine.getFormService().submitTaskForm(task.getId(), variables);
            return null;
        });
    }

    /** The Steering Committee's organisations (not recused) vote in the ballot the instance called. */
    void vote(ProcessInstance caller, String choice) {
        ProcessInstance ballot = engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(caller.getId()).singleResult();
        if (ballot == null) {
            throw new AssertionError("No ballot called by " + caller.getId());
        }
        // First the declarations of conflicts of interest: none.
        completeAll(ballot, "Task_DeclareConflict", Map.of("conflict", false));
        runJobs();
        completeAll(ballot, "Task_CastVote", Map.of("choice", choice));
        runJobs();
    }

    private void completeAll(ProcessInstance ballot, String taskKey, Map<String, Object> variables) {
        for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(ballot.getId())
                .taskDefinitionKey(taskKey).list()) {
            String organisation = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                    .filter(l -> l.getGroupId() != null).findFirst().orElseThrow().getGroupId().substring(4);
            complete(REPRESENTATIVE.get(organisation), task, variables);
        }
    }

    void runJobs() {
        for (int round = 0; round < 2000; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().executable().orderByJobDuedate().asc()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            try {
                engine.getManagementService().executeJob(due.get(0).getId());
            } catch (RuntimeException e) {
                // a mail delivery or another capability's job: not this test's concern
                engine.getManagementService().setJobRetries(due.get(0).getId(), 0);
            }
        }
    }

    String variable(ProcessInstance instance, String name) {
        Object value = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).list().stream().findFirst().map(v -> v.getValue()).orElse(null);
        return value == null ? null : value.toString();
    }

    boolean ended(ProcessInstance instance) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
    }

    <T> T as(String userId, java.util.function.Supplier<T> action) {
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        engine.getIdentityService().setAuthentication(userId, groups);
        try {
            return action.get();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
