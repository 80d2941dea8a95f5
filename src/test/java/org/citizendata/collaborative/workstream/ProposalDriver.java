package org.citizendata.collaborative.workstream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;

/** Acts in the workstream processes as the Collaborative's people would, through the engine. */
class ProposalDriver {

    static final List<String> STEERING_COMMITTEE = SteeringCommitteeVotes.ORGANISATIONS;
    static final Map<String, String> REPRESENTATIVE = SteeringCommitteeVotes.REPRESENTATIVE;

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
        SteeringCommitteeVotes.decide(engine, caller, choice);
    }

    void runJobs() {
        SteeringCommitteeVotes.runJobs(engine);
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
        return SteeringCommitteeVotes.as(engine, userId, action);
    }
}
