package org.citizendata.collaborative.decision;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.DemoActions;
import org.citizendata.collaborative.platform.StartupOrder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's open ballot, on the annual workplan (ToR: proposed by the Secretariat under the
 * guidance of the co-leads and the Steering Committee): four organisations have voted, so a Steering
 * Committee representative who logs in finds a vote waiting and the Secretariat sees a turnout.
 */
@Component
@Profile("demo")
class DemoBallot {

    static final String BUSINESS_KEY = "demo-ballot";

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final DemoActions demo;
    private final OrganisationRepository organisations;

    DemoBallot(RuntimeService runtimeService, TaskService taskService, DemoActions demo,
            OrganisationRepository organisations) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.demo = demo;
        this.organisations = organisations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DEMO_DATA + 10)
    void openDemoBallot() {
        if (runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(BUSINESS_KEY).count() > 0) {
            return;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(SteeringCommitteeDecision.SUBJECT_TYPE, "workplan");
        request.put(SteeringCommitteeDecision.SUBJECT_KEY, "workplan-2027");
        request.put(SteeringCommitteeDecision.TITLE, "Adopt the annual workplan 2027");
        request.put(SteeringCommitteeDecision.SUMMARY, "The Secretariat proposes the Collaborative's workplan for 2027,"
                + " prepared under the guidance of the co-leads: two new workstreams, the expert group meeting in"
                + " Copenhagen, and a report to the 59th session of the Statistical Commission.");
        request.put(SteeringCommitteeDecision.DECLARATION_PERIOD, "P0D");
        String instanceId = runtimeService.startProcessInstanceByKey(SteeringCommitteeDecision.PROCESS_KEY,
                BUSINESS_KEY, request).getId();
        Map<String, String> votes = Map.of("unsd", "approve", "unwomen", "approve", "dihr", "reject", "paris21", "abstain");
        votes.forEach((organisation, choice) -> vote(instanceId, organisation, choice));
    }

    private void vote(String instanceId, String organisationId, String choice) {
        Task task = taskService.createTaskQuery().processInstanceId(instanceId)
                .taskCandidateGroup("org-" + organisationId).singleResult();
        demo.as(organisations.findRepresentatives(organisationId).get(0),
                () -> taskService.complete(task.getId(), Map.of("choice", choice, "reason", "Demo vote")));
    }
}
