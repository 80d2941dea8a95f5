package org.citizendata.collaborative.membership;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;
import org.springframework.jdbc.core.JdbcTemplate;

/** Drives and applications as the Secretariat and applicants act on them, for the engine-level tests. */
final class MembershipDriver {

    static final Pattern LINK = Pattern.compile("/(apply/information|account/password)/([A-Za-z0-9_-]{43})");

    private final ProcessEngine engine;
    private final JdbcTemplate jdbc;

    MembershipDriver(ProcessEngine engine, JdbcTemplate jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    static ApplicationForm form(String organisation, String category, String website, String email, String engagement) {
        return new ApplicationForm(organisation, category, "Kenya", website, "Achieng Otieno", email, engagement,
                "We collect community data on water points and want to connect it to official statistics.",
                "Field methods, a network of 300 community data collectors, and case studies.",
                "Residents of informal settlements in Nairobi");
    }

    /** Ends the open drive, if any, as its window's end would. */
    void closeOpenDrive() {
        List<String> open = jdbc.queryForList("select process_instance_id from membership_drive where status = 'OPEN'", String.class);
        for (String instance : open) {
            for (Job job : engine.getManagementService().createJobQuery().processInstanceId(instance).timers().list()) {
                engine.getManagementService().executeJob(job.getId());
            }
        }
    }

    /** Opens a drive by the Secretariat's hand and announces it with one session; returns the drive key. */
    String openDrive() {
        closeOpenDrive();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(DriveDelegates.PROCESS_KEY).latestVersion().singleResult().getId();
        String instance = SteeringCommitteeVotes.as(engine, "sofia.secretariat",
                () -> engine.getFormService().submitStartForm(definition, Map.of("applicationWindowWeeks", 6L))).getId();
        return (String) engine.getRuntimeService().getVariable(instance, "driveKey");
    }

    Task task(String processInstanceId, String taskKey) {
        return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
                .singleResult();
    }

    void complete(String userId, String processInstanceId, String taskKey, Map<String, Object> variables) {
        Task task = task(processInstanceId, taskKey);
        if (task == null) {
            throw new AssertionError("No task " + taskKey + " in " + processInstanceId);
        }
        SteeringCommitteeVotes.as(engine, userId, () -> {
            engine.getFormService().submitTaskForm(task.getId(), variables);
            return null;
        });
    }

    String processOf(String reference) {
        return jdbc.queryForObject("select process_instance_id from membership_application where reference = ?",
                String.class, reference);
    }

    String status(String reference) {
        return jdbc.queryForObject("select status from membership_application where reference = ?", String.class, reference);
    }

    /** The text of the mail kept for the idempotency key. */
    String mail(String idempotencyKeyPrefix) {
        List<String> texts = jdbc.queryForList("select text_body from mail_outbox where idempotency_key like ?"
                + " order by created_at desc", String.class, idempotencyKeyPrefix + "%");
        if (texts.isEmpty()) {
            throw new AssertionError("No mail " + idempotencyKeyPrefix);
        }
        return texts.get(0);
    }

    /** The one-time token in a mail's text. */
    static String token(String mailText) {
        Matcher matcher = LINK.matcher(mailText);
        if (!matcher.find()) {
            throw new AssertionError("No one-time link in " + mailText);
        }
        return matcher.group(2);
    }
}
