package org.citizendata.collaborative.election;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.platform.DemoActions;
import org.citizendata.collaborative.platform.StartupOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's co-leads: UNSD and UN Women (ToR: the initial co-leads), their terms ending within
 * the lead time, and the election for the next terms in its nomination phase: the Secretariat
 * proposed no continuity year, and two Steering Committee organisations have nominated.
 */
@Component
@Profile("demo")
class DemoElection {

    private static final Logger LOG = LoggerFactory.getLogger(DemoElection.class);

    private final ElectionRepository repository;
    private final Elections elections;
    private final TaskService taskService;
    private final FormService formService;
    private final DemoActions demo;

    DemoElection(ElectionRepository repository, Elections elections, TaskService taskService, FormService formService,
            DemoActions demo) {
        this.repository = repository;
        this.elections = elections;
        this.taskService = taskService;
        this.formService = formService;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DEMO_DATA + 50)
    void createDemoElection() {
        if (!repository.allTerms().isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate termsEnd = today.withDayOfMonth(1).plusMonths(3);
        for (String organisation : new String[] {"unsd", "unwomen"}) {
            repository.insertTerm(organisation, termsEnd.minusYears(2), termsEnd, null);
        }
        String election = elections.startDue(today).get(0);
        complete("sofia.secretariat", election, "Task_ProposeContinuity", Map.of("continuityProposal", "none"));
        complete("jonas.icscentre", election, "Task_Nominate", Map.of("nominee", "gpsdd"));
        complete("claire.paris21", election, "Task_Nominate", Map.of("nominee", "paris21"));
        LOG.info("Demo election {}: co-lead terms of UNSD and UN Women end on {}; nominations are open", election, termsEnd);
    }

    private void complete(String userId, String businessKey, String taskKey, Map<String, Object> variables) {
        String organisationGroup = userId.endsWith(".secretariat") ? "secretariat" : "org-" + userId.substring(userId.indexOf('.') + 1);
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
                .taskCandidateGroup(organisationGroup).singleResult();
        demo.as(userId, () -> formService.submitTaskForm(task.getId(), variables));
    }
}
