package org.citizendata.collaborative.membership;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
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
 * The demo's membership drive: opened by the Secretariat with two information sessions, and four
 * applications at different stages of screening (one awaiting the Secretariat, one flagged as a
 * possible duplicate of a member, one the eligibility rule asks to check, one waiting for the
 * applicant's answer).
 */
@Component
@Profile("demo")
class DemoMembership {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMembership.class);
    private static final DateTimeFormatter SESSION = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final FormService formService;
    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final MembershipRepository repository;
    private final MembershipApplications applications;
    private final DemoActions demo;

    DemoMembership(FormService formService, TaskService taskService, RepositoryService repositoryService,
            MembershipRepository repository, MembershipApplications applications, DemoActions demo) {
        this.formService = formService;
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.repository = repository;
        this.applications = applications;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DEMO_DATA + 40)
    void createDemoDrive() {
        if (repository.anyDrive()) {
            return;
        }
        String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(DriveDelegates.PROCESS_KEY)
                .latestVersion().singleResult().getId();
        String drive = demo.as("sofia.secretariat", () -> formService.submitStartForm(definition,
                Map.of("applicationWindowWeeks", 6L))).getId();
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        complete("sofia.secretariat", drive, "Task_AnnounceDrive", Map.of("informationSessions",
                SESSION.format(today.plus(Duration.ofDays(7)).plus(Duration.ofHours(14))) + " https://meet.example.org/citizen-data-info-1\n"
                        + SESSION.format(today.plus(Duration.ofDays(14)).plus(Duration.ofHours(9))) + " https://meet.example.org/citizen-data-info-2",
                "announcementNote", "Sessions are held in English, with interpretation into French and Spanish."));

        apply("DataShift Collective", "CIVIL_SOCIETY_ORGANISATION", "Kenya", "https://datashift.example.org",
                "Wanjiru Kamau", "wanjiru@datashift.example.org", "PRODUCES");
        apply("INEGI Data Lab", "NATIONAL_STATISTICAL_OFFICE", "Mexico", "https://www.inegi.org.mx/datalab",
                "Luis Herrera", "luis.herrera@inegi.example.org", "USES");
        apply("Acme Survey Analytics", "PRIVATE_INSTITUTION", "United Kingdom", "https://acme-surveys.example.com",
                "Harriet Cole", "harriet@acme-surveys.example.com", "USES");
        String asked = apply("Citizen Sensing Lab", "RESEARCH_INSTITUTION", "Brazil", "https://sensing.example.br",
                "Joana Silva", "joana@sensing.example.br", "PRODUCES");
        complete("james.secretariat", repository.findApplication(asked).orElseThrow().processInstanceId(),
                "Task_ScreenApplication", Map.of("screening", "ask", "screeningNote",
                        "Which communities collect the air quality data with you, and how are they involved in its use?"));
        LOG.info("Demo membership: drive open with two information sessions, four applications in screening");
    }

    private String apply(String organisation, String category, String country, String website, String contact,
            String email, String engagement) {
        return applications.submit(new ApplicationForm(organisation, category, country, website, contact, email,
                engagement, "We want to bring our experience with citizen data to the Collaborative and learn from its members.",
                "Case studies, training material and our network of community data collectors.",
                "Urban informal settlements and rural women's groups"));
    }

    private void complete(String userId, String processInstanceId, String taskKey, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult();
        demo.as(userId, () -> formService.submitTaskForm(task.getId(), variables));
    }
}
