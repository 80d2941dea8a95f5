package org.citizendata.collaborative.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The paths of {@code membership-drive}: on schedule or by hand, one at a time, announced, closed with a summary. */
@EngineOnH2Test
class MembershipDriveProcessTest {

    static final DateTimeFormatter SESSION = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MembershipApplications applications;

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
    void aDriveStartsOnTheNextFifteenthOfJanuaryOrJulyAtNineUtcAndClosesWithASummary() {
        Job schedule = scheduleJob();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDateTime expected = LocalDate.of(today.getYear(), 1, 15).atTime(9, 0);
        while (!expected.isAfter(LocalDateTime.now(ZoneOffset.UTC))) {
            expected = expected.plusMonths(6);
        }
        assertThat(schedule.getDuedate()).isEqualTo(Date.from(expected.toInstant(ZoneOffset.UTC)));

        driver.closeOpenDrive();
        ClockUtil.setCurrentTime(schedule.getDuedate());
        engine.getManagementService().executeJob(schedule.getId());

        ProcessInstance drive = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(DriveDelegates.PROCESS_KEY).active().list().stream()
                .filter(p -> driver.task(p.getId(), "Task_AnnounceDrive") != null).findFirst().orElseThrow();
        String key = drive.getBusinessKey();
        assertThat(jdbc.queryForMap("select opened_by, status, window_closes_at from membership_drive where drive_key = ?", key))
                .containsEntry("OPENED_BY", "schedule").containsEntry("STATUS", "OPEN");
        assertThat(key).startsWith(expected.getYear() + "-");
        assertThat(scheduleJob().getDuedate()).as("the next drive is scheduled six months later")
                .isEqualTo(Date.from(expected.plusMonths(6).toInstant(ZoneOffset.UTC)));

        driver.complete("james.secretariat", drive.getId(), "Task_AnnounceDrive", Map.of("informationSessions",
                session(3) + " https://meet.example.org/one"));
        String inDrive = applications.submit(MembershipDriver.form("Water Point Watch", "CIVIL_SOCIETY_ORGANISATION",
                "https://waterpointwatch.example.org", "achieng@waterpointwatch.example.org", "PRODUCES"));
        driver.complete("sofia.secretariat", driver.processOf(inDrive), "Task_ScreenApplication",
                Map.of("screening", "decline", "screeningNote", "Please apply again with your national partner."));

        assertThat(drive).isWaitingAt("Timer_WindowClosed");
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(drive.getId()).singleResult().getId());
        assertThat(drive).isEnded().hasPassed("Task_SendDriveSummary");
        String summary = jdbc.queryForObject("select summary from membership_drive where drive_key = ? and status = 'CLOSED'",
                String.class, key);
        assertThat(summary).contains("received 1 application(s): 0 admitted, 1 declined, 0 still in screening")
                .contains("By category: Civil society organisation 1").contains("By country: Kenya 1")
                .contains("Median days from application to decision: 0.0");
        int steeringAndSecretariat = jdbc.queryForObject("select count(distinct user_id_) from act_id_membership"
                + " where group_id_ in (?, ?)", Integer.class, CollaborativeGroups.STEERING_COMMITTEE, CollaborativeGroups.SECRETARIAT);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where subject = ?", Integer.class,
                "Membership drive " + key + " closed: summary")).isEqualTo(steeringAndSecretariat);
    }

    @Test
    void theScheduleSkipsADriveWhileAnotherIsOpenAndTheSecretariatIsRefusedASecond() {
        String open = driver.openDrive();
        long before = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(DriveDelegates.PROCESS_KEY).count();
        engine.getManagementService().executeJob(scheduleJob().getId());
        long skipped = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(DriveDelegates.PROCESS_KEY).executedActivityIdIn("EndEvent_DriveSkipped").count();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(DriveDelegates.PROCESS_KEY).count()).isEqualTo(before + 1);
        assertThat(skipped).isPositive();

        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(DriveDelegates.PROCESS_KEY).latestVersion().singleResult().getId();
        assertThatThrownBy(() -> SteeringCommitteeVotes.as(engine, "sofia.secretariat",
                () -> engine.getFormService().submitStartForm(definition, Map.of("applicationWindowWeeks", 4L))))
                .isInstanceOf(FormInputException.class).hasMessageContaining("membership drive " + open + " is open")
                .hasMessageContaining("one drive at a time");
        assertThat(jdbc.queryForList("select drive_key from membership_drive where status = 'OPEN'", String.class))
                .containsExactly(open);
    }

    @Test
    void theAnnouncementNeedsSessionsInTheComingYearAndReachesMembersAndTheList() {
        String key = driver.openDrive();
        String instance = jdbc.queryForObject("select process_instance_id from membership_drive where drive_key = ?",
                String.class, key);
        assertThatThrownBy(() -> driver.complete("sofia.secretariat", instance, "Task_AnnounceDrive",
                Map.of("informationSessions", "next Tuesday on Zoom\n" + session(-2) + " https://meet.example.org/past\n"
                        + session(3) + " http://meet.example.org/plain")))
                .isInstanceOf(FormInputException.class)
                .hasMessageContaining("line 1 is not \"YYYY-MM-DD HH:MM https://link\"")
                .hasMessageContaining("line 2 is not within the coming year").hasMessageContaining("line 3 is not");
        assertThatThrownBy(() -> driver.complete("sofia.secretariat", instance, "Task_AnnounceDrive",
                Map.of("informationSessions", "  "))).isInstanceOf(FormInputException.class)
                .hasMessageContaining("at least one open information session");
        assertThat(jdbc.queryForObject("select count(*) from information_session where drive_key = ?", Integer.class, key)).isZero();

        driver.complete("sofia.secretariat", instance, "Task_AnnounceDrive", Map.of("informationSessions",
                session(5) + " https://meet.example.org/one\n\n" + session(12) + " https://meet.example.org/two",
                "announcementNote", "Interpretation into French and Spanish."));
        assertThat(jdbc.queryForObject("select count(*) from information_session where drive_key = ?", Integer.class, key)).isEqualTo(2);
        int members = jdbc.queryForObject("select count(*) from act_id_membership where group_id_ = ?", Integer.class,
                CollaborativeGroups.MEMBERS);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like ? and recipient_user_id is not null",
                Integer.class, "drive:" + key + ":%")).isEqualTo(members);
        assertThat(jdbc.queryForList("select recipient_address from mail_outbox where idempotency_key like ? and recipient_user_id is null",
                String.class, "drive:" + key + ":%")).containsExactlyInAnyOrder("networks@citizendata.example", "relay@partners.example");
        assertThat(driver.mail("drive:" + key + ":relay@")).contains("Please relay this invitation to your networks")
                .contains("https://meet.example.org/two").contains("/apply");
    }

    @Test
    void theWindowClosesEvenWhenTheDriveWasNeverAnnounced() {
        String key = driver.openDrive();
        String instance = jdbc.queryForObject("select process_instance_id from membership_drive where drive_key = ?",
                String.class, key);
        driver.closeOpenDrive();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("Timer_WindowClosedUnannounced").count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from membership_drive where drive_key = ?", String.class, key))
                .isEqualTo("CLOSED");
    }

    private Job scheduleJob() {
        return engine.getManagementService().createJobQuery().processDefinitionKey("membership-drive-schedule").timers()
                .list().stream().filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow();
    }

    private static String session(int daysAhead) {
        return SESSION.format(LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC)
                .plusDays(daysAhead).withHour(14).withMinute(0));
    }
}
