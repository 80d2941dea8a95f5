package org.citizendata.collaborative.workstream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.directory.OrganisationRepository;
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
 * The demo's workstreams: a proposal awaiting the Secretariat, one awaiting the Steering
 * Committee (declarations of interest under way), and an active workstream with a report due.
 * Each is driven through its process by the demo users, as they would in Tasklist.
 */
@Component
@Profile("demo")
class DemoWorkstreams {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkstreams.class);

    private final FormService formService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final ManagementService managementService;
    private final DemoActions demo;
    private final OrganisationRepository organisations;

    DemoWorkstreams(FormService formService, TaskService taskService, RuntimeService runtimeService,
            RepositoryService repositoryService, ManagementService managementService, DemoActions demo,
            OrganisationRepository organisations) {
        this.formService = formService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.managementService = managementService;
        this.demo = demo;
        this.organisations = organisations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DEMO_DATA + 20)
    void createDemoWorkstreams() {
        if (runtimeService.createProcessInstanceQuery().processDefinitionKey(ProposalDelegates.PROCESS_KEY).count() > 0
                || runtimeService.createProcessInstanceQuery().processDefinitionKey(WorkstreamDelegates.PROCESS_KEY).count() > 0) {
            return;
        }
        propose("kofi.gss", "Citizen data for SDG monitoring in West Africa", "kofi.gss, ama.gss",
                "Map citizen data initiatives feeding SDG indicators in ECOWAS countries", 18);

        ProcessInstance voting = propose("sam.odw", "Quality assurance of citizen data", "sam.odw, thandi.cdl",
                "Draft guidance on assessing the quality of citizen-generated data for official statistics", 12);
        complete("sofia.secretariat", voting, "Task_CheckCompleteness", Map.of("completeness", "accept"));
        complete("amina.unsd", voting, "Task_ReviewConsistency", Map.of("consistency", "clear"));

        ProcessInstance approved = propose("bikash.nddn", "Disability data by and for persons with disabilities",
                "bikash.nddn, camila.sdp", "Guidance on citizen data collected by organisations of persons with disabilities", 24);
        complete("james.secretariat", approved, "Task_CheckCompleteness", Map.of("completeness", "accept"));
        complete("lucia.unwomen", approved, "Task_ReviewConsistency", Map.of("consistency", "clear"));
        ProcessInstance ballot = DemoActions.waitFor(() -> runtimeService.createProcessInstanceQuery()
                .superProcessInstanceId(approved.getId()).singleResult(), "the Steering Committee ballot");
        completeAll(ballot, "Task_DeclareConflict", Map.of("conflict", false));
        completeAll(ballot, "Task_CastVote", Map.of("choice", "approve", "reason", "Demo vote"));
        LOG.info("Demo workstreams: proposals awaiting the Secretariat and the Steering Committee, one approved");
    }

    private ProcessInstance propose(String userId, String title, String leads, String objectives, int months) {
        Map<String, Object> form = new HashMap<>();
        form.put("title", title);
        form.put("objectives", objectives);
        form.put("scope", "Members of the Collaborative and their national partners");
        form.put("termsOfReference", "The workstream " + objectives.toLowerCase() + ", consults the members, and"
                + " reports to the Collaborative every three months.");
        form.put("durationMonths", (long) months);
        form.put("deliverables", "A guidance note and case studies");
        form.put("leads", leads);
        form.put("resourcePersons", "Dr. Ines Moreau; ines.moreau@research.example; participatory methods");
        String definition = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(ProposalDelegates.PROCESS_KEY).latestVersion().singleResult().getId();
        return demo.as(userId, () -> formService.submitStartForm(definition, form));
    }

    private void complete(String userId, ProcessInstance instance, String taskKey, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).singleResult();
        demo.as(userId, () -> formService.submitTaskForm(task.getId(), variables));
    }

    /** Completes every open task of that kind, each as a representative of its organisation. */
    private void completeAll(ProcessInstance ballot, String taskKey, Map<String, Object> variables) {
        List<Task> tasks = DemoActions.waitFor(() -> {
            runDueJobs(ballot);
            List<Task> open = taskService.createTaskQuery().processInstanceId(ballot.getId()).taskDefinitionKey(taskKey).list();
            return open.isEmpty() ? null : open;
        }, "the ballot's " + taskKey + " tasks");
        for (Task task : tasks) {
            String organisation = taskService.getIdentityLinksForTask(task.getId()).stream()
                    .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId().substring(4);
            String userId = organisations.findRepresentatives(organisation).get(0);
            demo.as(userId, () -> formService.submitTaskForm(task.getId(), variables));
        }
        runDueJobs(ballot);
    }

    /** Runs the ballot's asynchronous steps here, whether or not the job executor is on. */
    private void runDueJobs(ProcessInstance ballot) {
        for (Job job : managementService.createJobQuery().processInstanceId(ballot.getId()).executable().list()) {
            try {
                managementService.executeJob(job.getId());
            } catch (RuntimeException takenByTheJobExecutor) {
                // the job executor ran it meanwhile
            }
        }
    }
}
