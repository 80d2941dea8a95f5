package org.citizendata.collaborative.testsupport;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Engine-level help for tests whose process calls the Steering Committee's decision. */
public final class SteeringCommitteeVotes {

    public static final List<String> ORGANISATIONS = List.of("unsd", "unwomen", "icscentre", "gpsdd", "dihr", "sgpwd",
            "paris21", "odw", "worldbank", "unitar");
    public static final Map<String, String> REPRESENTATIVE = Map.of("unsd", "amina.unsd", "unwomen", "lucia.unwomen",
            "icscentre", "jonas.icscentre", "gpsdd", "grace.gpsdd", "dihr", "mette.dihr", "sgpwd", "tomas.sgpwd",
            "paris21", "claire.paris21", "odw", "sam.odw", "worldbank", "ravi.worldbank", "unitar", "marc.unitar");

    private SteeringCommitteeVotes() {
    }

    /** Every organisation of the ballot the caller waits on declares no conflict, then votes the same way. */
    public static void decide(ProcessEngine engine, ProcessInstance caller, String choice) {
        ProcessInstance ballot = engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(caller.getId()).singleResult();
        if (ballot == null) {
            throw new AssertionError("No ballot called by " + caller.getId());
        }
        completeAll(engine, ballot, "Task_DeclareConflict", Map.of("conflict", false));
        runJobs(engine);
        completeAll(engine, ballot, "Task_CastVote", Map.of("choice", choice));
        runJobs(engine);
    }

    private static void completeAll(ProcessEngine engine, ProcessInstance ballot, String taskKey, Map<String, Object> variables) {
        for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(ballot.getId())
                .taskDefinitionKey(taskKey).list()) {
            String organisation = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                    .filter(l -> l.getGroupId() != null).findFirst().orElseThrow().getGroupId().substring(4);
            as(engine, REPRESENTATIVE.get(organisation), () -> {
                engine.getFormService().submitTaskForm(task.getId(), variables);
                return null;
            });
        }
    }

    /** Runs every due job, one at a time; a job that fails (another capability's) is set aside. */
    public static void runJobs(ProcessEngine engine) {
        for (int round = 0; round < 2000; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().executable().orderByJobDuedate().asc()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            try {
                engine.getManagementService().executeJob(due.get(0).getId());
            } catch (RuntimeException e) {
                engine.getManagementService().setJobRetries(due.get(0).getId(), 0);
            }
        }
    }

    public static <T> T as(ProcessEngine engine, String userId, Supplier<T> action) {
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
