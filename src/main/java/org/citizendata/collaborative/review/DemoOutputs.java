package org.citizendata.collaborative.review;

import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.platform.DemoActions;
import org.citizendata.collaborative.platform.StartupOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The demo's outputs of the active demo workstream: one in its member review round, one awaiting the leads' answers. */
@Component
@Profile("demo")
class DemoOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(DemoOutputs.class);
    private static final String WORKSTREAM_TITLE = "Disability data by and for persons with disabilities";

    private final FormService formService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final DemoActions demo;
    private final JdbcTemplate jdbc;

    DemoOutputs(FormService formService, TaskService taskService, RuntimeService runtimeService,
            RepositoryService repositoryService, DemoActions demo, JdbcTemplate jdbc) {
        this.formService = formService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.demo = demo;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DEMO_DATA + 30)
    void createDemoOutputs() {
        if (runtimeService.createProcessInstanceQuery().processDefinitionKey("output-review").count() > 0) {
            return;
        }
        String workstream = DemoActions.waitFor(() -> jdbc.queryForList("select workstream_key from workstream where title = ?",
                String.class, WORKSTREAM_TITLE).stream().findFirst().orElse(null), "the demo workstream's approval");
        submit(workstream, "Draft guidance on disability data collected by citizens", "");

        ProcessInstance answered = submit(workstream, "Case studies: disability data in four countries",
                "HUMAN_RIGHTS_INSTITUTION");
        review(answered, "dihr", Map.of("recommendation", "ENDORSE_WITH_CHANGES",
                "generalComments", "Link each case to the CRPD articles it supports.",
                "sectionComments", "Case 2: say how consent was obtained\nMethods: add the sample sizes"));
        review(answered, "chr", Map.of("recommendation", "ENDORSE", "generalComments", "", "sectionComments", ""));
        LOG.info("Demo outputs: one in its member review round, one awaiting the leads' answers to {} comments", 3);
    }

    private ProcessInstance submit(String workstream, String title, String categories) {
        String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("output-review")
                .latestVersion().singleResult().getId();
        return demo.as("bikash.nddn", () -> formService.submitStartForm(definition, Map.of("workstreamKey", workstream,
                "title", title, "outputType", "METHODOLOGICAL_GUIDANCE",
                "documentUrl", "https://docs.citizendata.example/" + title.toLowerCase().replaceAll("[^a-z]+", "-") + ".pdf",
                "summary", "A first draft for the members' review.", "reviewCategories", categories)));
    }

    private void review(ProcessInstance output, String organisation, Map<String, Object> review) {
        Task task = taskService.createTaskQuery().processInstanceId(output.getId()).taskCandidateGroup("org-" + organisation)
                .singleResult();
        String userId = jdbc.queryForObject("select min(user_id) from representative where organisation_id = ?",
                String.class, organisation);
        demo.as(userId, () -> formService.submitTaskForm(task.getId(), review));
    }
}
