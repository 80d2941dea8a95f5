package org.citizendata.collaborative.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;

/** Drives ballots through the engine as the Steering Committee's representatives would. */
class BallotDriver {

    private final ProcessEngine engine;
    private final OrganisationRepository organisations;

    BallotDriver(ProcessEngine engine, OrganisationRepository organisations) {
        this.engine = engine;
        this.organisations = organisations;
    }

    ProcessInstance start(String title, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(SteeringCommitteeDecision.SUBJECT_TYPE, "test");
        variables.put(SteeringCommitteeDecision.SUBJECT_KEY, title);
        variables.put(SteeringCommitteeDecision.TITLE, title);
        variables.put(SteeringCommitteeDecision.SUMMARY, "A question for the Steering Committee");
        variables.put(SteeringCommitteeDecision.DECLARATION_PERIOD, "P0D");
        variables.putAll(extra);
        return engine.getRuntimeService().startProcessInstanceByKey(SteeringCommitteeDecision.PROCESS_KEY, title, variables);
    }

    String ballotId(ProcessInstance instance) {
        return (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(SteeringCommitteeDecision.BALLOT_ID).singleResult()
                .getValue();
    }

    /** The open task of an organisation's group in this instance, or null. */
    Task taskOf(ProcessInstance instance, String organisationId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskCandidateGroup("org-" + organisationId).singleResult();
    }

    List<Task> tasks(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list();
    }

    void vote(ProcessInstance instance, String organisationId, String choice) {
        Task task = taskOf(instance, organisationId);
        if (task == null) {
            throw new AssertionError("No vote task for " + organisationId);
        }
        completeAs(representativeOf(organisationId), task, Map.of("choice", choice, "reason", "because " + choice));
        runJobs(instance);
    }

    void votes(ProcessInstance instance, Map<String, String> choices) {
        choices.forEach((organisation, choice) -> vote(instance, organisation, choice));
    }

    void completeAs(String userId, Task task, Map<String, Object> variables) {
        SteeringCommitteeVotes.as(engine, userId, () -> {
            engine.getTaskService().complete(task.getId(), variables);
            return null;
        });
    }

    String representativeOf(String organisationId) {
        return organisations.findRepresentatives(organisationId).get(0);
    }

    /** Moves the engine's clock (and the ballots') forward and runs what fell due. */
    void advance(ProcessInstance instance, Duration by) {
        ClockUtil.setCurrentTime(Date.from(Ballots.now().plus(by)));
        runJobs(instance);
    }

    void advanceTo(ProcessInstance instance, Instant moment) {
        ClockUtil.setCurrentTime(Date.from(moment));
        runJobs(instance);
    }

    /** Runs the instance's due jobs (asynchronous continuations, timers) until none is left. */
    void runJobs(ProcessInstance instance) {
        for (int round = 0; round < 1000; round++) {
            // One at a time: a job can remove others (a timer interrupting its scope).
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                    .executable().orderByJobDuedate().asc().listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            engine.getManagementService().executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs keep coming");
    }

    Object variable(ProcessInstance instance, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).singleResult().getValue();
    }

    boolean ended(ProcessInstance instance) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
    }
}
