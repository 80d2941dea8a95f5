package org.citizendata.collaborative.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The paths of {@code membership-application}: screening, the question loop, admission and decline. */
@EngineOnH2Test
class MembershipApplicationProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MembershipApplications applications;
    @Autowired
    OneTimeLinks links;

    MembershipDriver driver;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        driver = new MembershipDriver(engine, jdbc);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void anApplicationWhileNoDriveIsOpenIsKeptOffCycleAndScreenedToo() {
        driver.closeOpenDrive();
        String reference = apply("PRODUCES", "CIVIL_SOCIETY_ORGANISATION");
        assertThat(jdbc.queryForMap("select drive_key, status, eligibility from membership_application where reference = ?",
                reference)).containsEntry("DRIVE_KEY", null).containsEntry("STATUS", "SCREENING")
                .containsEntry("ELIGIBILITY", "ELIGIBLE");
        ProcessInstance instance = instance(reference);
        assertThat(instance).isWaitingAt("Task_ScreenApplication").task().hasCandidateGroup(CollaborativeGroups.SECRETARIAT);
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "offCycle")).isEqualTo(true);
        assertThat(driver.mail("application:" + reference + ":received")).contains(reference).contains("off-cycle");
    }

    @Test
    void anApplicationDuringADriveBelongsToIt() {
        String drive = driver.openDrive();
        String reference = apply("USES", "NATIONAL_STATISTICAL_OFFICE");
        assertThat(jdbc.queryForObject("select drive_key from membership_application where reference = ?", String.class,
                reference)).isEqualTo(drive);
        assertThat(driver.mail("application:" + reference + ":received")).contains("membership drive " + drive);
    }

    @Test
    void theSecretariatAsksForMoreInformationAndTheAnswerComesBackToScreening() {
        String reference = apply("PRODUCES", "RESEARCH_INSTITUTION");
        ProcessInstance instance = instance(reference);
        assertThatThrownBy(() -> screen(reference, "ask", "")).isInstanceOf(FormInputException.class)
                .hasMessageContaining("screeningNote: write the question");
        screen(reference, "ask", "Which communities do you work with?");

        assertThat(instance).isWaitingAt("ReceiveTask_AwaitAnswer");
        assertThat(driver.status(reference)).isEqualTo("INFORMATION_REQUESTED");
        String token = MembershipDriver.token(driver.mail("application:" + reference + ":information:"));
        assertThat(applications.answer(token, "Fisherfolk cooperatives on Lake Victoria.")).isTrue();

        assertThat(instance).isWaitingAt("Task_ScreenApplication");
        assertThat(driver.status(reference)).isEqualTo("SCREENING");
        assertThat((String) engine.getRuntimeService().getVariable(instance.getId(), "applicationSummary"))
                .contains("Which communities do you work with?").contains("Fisherfolk cooperatives on Lake Victoria.");
        assertThat(applications.answer(token, "A second answer")).as("the link works once").isFalse();
        assertThat(links.check(OneTimeLinks.Purpose.INFORMATION, token).refusal()).isEqualTo(OneTimeLinks.Refusal.USED);
    }

    @Test
    void aQuestionLeftUnansweredExpiresAndTheApplicationReturnsToScreening() {
        String reference = apply("PRODUCES", "RESEARCH_INSTITUTION");
        ProcessInstance instance = instance(reference);
        screen(reference, "ask", "Who funds your work?");
        String token = MembershipDriver.token(driver.mail("application:" + reference + ":information:"));

        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(14)).plusSeconds(60)));
        assertThat(links.check(OneTimeLinks.Purpose.INFORMATION, token).refusal()).isEqualTo(OneTimeLinks.Refusal.EXPIRED);
        assertThat(applications.answer(token, "Too late")).isFalse();
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(instance.getId()).timers().singleResult().getId());

        assertThat(instance).isWaitingAt("Task_ScreenApplication");
        assertThat(driver.status(reference)).isEqualTo("SCREENING");
        assertThat((String) engine.getRuntimeService().getVariable(instance.getId(), "applicationSummary"))
                .contains("No answer came before the link expired.");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "screeningNote"))
                .as("a new screening starts with an empty form").isNull();

        screen(reference, "ask", "Then who are your partners?");
        String second = MembershipDriver.token(driver.mail("application:" + reference + ":information:"));
        assertThat(applications.answer(second, "The city council.")).isTrue();
        assertThat(jdbc.queryForList("select coalesce(answer, '-') from application_exchange where reference = ?"
                + " order by asked_at", String.class, reference)).containsExactly("-", "The city council.");
    }

    @Test
    void admissionCreatesTheOrganisationAndTheAccountAndWelcomesTheMemberWithoutAPassword() {
        String reference = apply("PRODUCES", "CIVIL_SOCIETY_ORGANISATION");
        ProcessInstance instance = instance(reference);
        screen(reference, "admit", "");
        assertThat(instance).as("the welcome goes out once the admission is committed").isWaitingAt("Task_WelcomeMember");
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(instance.getId()).singleResult().getId());

        assertThat(instance).isEnded().hasPassed("EndEvent_MemberAdmitted");
        Map<String, Object> admitted = jdbc.queryForMap("select status, organisation_id, user_id, decided_by from"
                + " membership_application where reference = ?", reference);
        assertThat(admitted).containsEntry("STATUS", "ADMITTED").containsEntry("DECIDED_BY", "sofia.secretariat");
        String organisation = (String) admitted.get("ORGANISATION_ID");
        String user = (String) admitted.get("USER_ID");
        assertThat(user).isEqualTo("achieng." + organisation);
        assertThat(jdbc.queryForObject("select category from organisation where id = ?", String.class, organisation))
                .isEqualTo("CIVIL_SOCIETY_ORGANISATION");
        assertThat(engine.getIdentityService().createGroupQuery().groupMember(user).list())
                .extracting(g -> g.getId()).containsExactlyInAnyOrder("org-" + organisation, CollaborativeGroups.MEMBERS);

        String welcome = driver.mail("welcome:" + user);
        assertThat(welcome).contains("Your user name is " + user).contains("Share information, knowledge, lessons learned")
                .contains("/account/password/");
        assertThat(jdbc.queryForObject("select recipient_address from mail_outbox where idempotency_key like ?",
                String.class, "welcome:" + user + "%")).isEqualTo(emailOf(reference));
        String token = MembershipDriver.token(welcome);
        assertThat(links.check(OneTimeLinks.Purpose.PASSWORD, token).link().subject()).isEqualTo(user);
        assertThat(jdbc.queryForObject("select count(*) from one_time_link where token_hash = ?", Integer.class, token))
                .as("only the hash of the secret is kept").isZero();
    }

    @Test
    void aDeclinedApplicantIsToldWhy() {
        String reference = apply("PRODUCES", "CIVIL_SOCIETY_ORGANISATION");
        assertThatThrownBy(() -> screen(reference, "decline", " ")).isInstanceOf(FormInputException.class)
                .hasMessageContaining("screeningNote: say why");
        assertThatThrownBy(() -> screen(reference, "reject", "x")).isInstanceOf(FormInputException.class)
                .hasMessageContaining("screening:");
        assertThat(driver.status(reference)).isEqualTo("SCREENING");

        ProcessInstance instance = instance(reference);
        screen(reference, "decline", "The Collaborative admits organisations, not informal groups.");
        assertThat(instance).isEnded().hasPassed("EndEvent_ApplicationDeclined");
        assertThat(driver.status(reference)).isEqualTo("DECLINED");
        assertThat(driver.mail("application:" + reference + ":declined"))
                .contains("The Collaborative admits organisations, not informal groups.");
    }

    @Test
    void theRuleAndTheDuplicateCheckGuideTheScreening() {
        String reference = applications.submit(MembershipDriver.form("National Institute of Statistics & Geography",
                "NATIONAL_STATISTICAL_OFFICE", "https://www.inegi.org.mx/en", "luis@inegi.example.org", "NONE"));
        ProcessInstance instance = instance(reference);
        assertThat((String) engine.getRuntimeService().getVariable(instance.getId(), "duplicateNote"))
                .contains("The member INEGI has the same web domain (inegi.org.mx)");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "eligibility")).isEqualTo("INELIGIBLE");
        assertThatThrownBy(() -> screen(reference, "admit", "")).isInstanceOf(FormInputException.class)
                .hasMessageContaining("say why you admit it");

        String second = applications.submit(MembershipDriver.form("Acme Data", "PRIVATE_INSTITUTION",
                "https://acme-data-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com", "a@acme.example.com", "USES"));
        assertThat(engine.getRuntimeService().getVariable(instance(second).getId(), "eligibility")).isEqualTo("CHECK");
        String third = applications.submit(MembershipDriver.form("ACME data", "PRIVATE_INSTITUTION",
                "https://other-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com", "b@acme.example.com", "SUPPORTS"));
        assertThat((String) engine.getRuntimeService().getVariable(instance(third).getId(), "duplicateNote"))
                .contains("The application " + second + " (Acme Data, screening) has the same name.");
        assertThat(engine.getRuntimeService().getVariable(instance(third).getId(), "eligibility")).isEqualTo("ELIGIBLE");
    }

    private String apply(String engagement, String category) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return applications.submit(MembershipDriver.form("Community Data " + id, category,
                "https://community-" + id + ".example.org", "achieng@community-" + id + ".example.org", engagement));
    }

    private void screen(String reference, String decision, String note) {
        driver.complete("sofia.secretariat", driver.processOf(reference), "Task_ScreenApplication",
                Map.of("screening", decision, "screeningNote", note));
    }

    private ProcessInstance instance(String reference) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(driver.processOf(reference))
                .singleResult();
    }

    private String emailOf(String reference) {
        return jdbc.queryForObject("select contact_email from membership_application where reference = ?", String.class, reference);
    }
}
