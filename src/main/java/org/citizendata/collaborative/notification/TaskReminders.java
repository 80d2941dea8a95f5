package org.citizendata.collaborative.notification;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.platform.SystemActions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reminders before due dates, to the people of each task, and escalations of overdue tasks to
 * the Secretariat (ToR: members take responsibility for their tasks within agreed timelines).
 * Idempotency keys carry the due date: one reminder and one escalation per due date and person.
 */
@Configuration
class TaskReminders {

    private final TaskService taskService;
    private final Notifications notifications;
    private final TaskRecipients recipients;
    private final TaskMail taskMail;
    private final DirectoryLookup directory;
    private final NotificationSettings settings;
    private final RepositoryService repositoryService;
    private final SystemActions systemActions;

    TaskReminders(TaskService taskService, Notifications notifications, TaskRecipients recipients, TaskMail taskMail,
            DirectoryLookup directory, NotificationSettings settings, RepositoryService repositoryService,
            SystemActions systemActions) {
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.systemActions = systemActions;
        this.notifications = notifications;
        this.recipients = recipients;
        this.taskMail = taskMail;
        this.directory = directory;
        this.settings = settings;
    }

    @Bean
    JavaDelegate remindDueTasks() {
        return execution -> remindAndEscalate();
    }

    /** Returns how many mails were queued. */
    int remindAndEscalate() {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Map<String, ProcessDefinition> definitions = new HashMap<>();
        List<Task> due = taskService.createTaskQuery().active()
                .dueBefore(Date.from(now.plus(settings.remindBefore()))).orderByDueDate().asc().list();
        int queued = 0;
        for (Task task : due) {
            // A definition's id is "key:version:..." only while that fits in 64 characters; otherwise a bare UUID,
            // as for steering-committee-decision: the key comes from the definition itself.
            ProcessDefinition definition = task.getProcessDefinitionId() == null ? null
                    : definitions.computeIfAbsent(task.getProcessDefinitionId(), id -> systemActions.withoutAuthorization(
                            () -> repositoryService.getProcessDefinition(id)));
            if (definition != null && settings.processesWithOwnReminders().contains(definition.getKey())) {
                continue;
            }
            String processName = definition == null ? null : definition.getName();
            Map<String, Object> model = taskMail.model(task.getId(), task.getName(), task.getDescription(),
                    task.getDueDate(), processName);
            String dueKey = task.getId() + ":" + task.getDueDate().getTime();
            List<IdentityLink> links;
            try {
                links = taskService.getIdentityLinksForTask(task.getId());
            } catch (NullValueException | NullPointerException e) {
                // Completed or deleted since the list was read (the engine's own check of the task can
                // meet its execution gone and fail with a NullPointerException): nothing to remind of.
                continue;
            }
            Map<String, String> people = recipients.of(task.getAssignee(), new HashSet<IdentityLink>(links));
            List<Notifications.Message> messages;
            if (task.getDueDate().toInstant().isAfter(now)) {
                messages = people.entrySet().stream().map(person -> new Notifications.Message(MailKind.TASK_REMINDER,
                        person.getKey(), "task-reminder:" + dueKey + ":" + person.getKey(),
                        "Due " + TaskMail.format(task.getDueDate()) + ": " + task.getName(), person.getValue(), model))
                        .toList();
            } else {
                Map<String, Object> escalation = new HashMap<>(model);
                escalation.put("waitingFor", people.isEmpty() ? "nobody (no candidate)" : String.join(", ", people.keySet()));
                messages = directory.membersOf(CollaborativeGroups.SECRETARIAT).stream().map(staff -> new Notifications.Message(
                        MailKind.TASK_ESCALATION, staff, "task-escalation:" + dueKey + ":" + staff, "Overdue: " + task.getName(),
                        "you are in the Secretariat, which follows up overdue work", escalation)).toList();
            }
            queued += (int) notifications.sendAll(messages).stream().filter(Objects::nonNull).count();
        }
        return queued;
    }
}
