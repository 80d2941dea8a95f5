package org.citizendata.collaborative.notification;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A mail to each person a new task is for, with a direct link to it in Tasklist. */
@Component
class TaskMail {

    static final String MAIL_PROPERTY = "taskMail";

    private final Notifications notifications;
    private final TaskRecipients recipients;
    private final NotificationSettings settings;
    private final TransactionBound<List<NewTask>> newTasks = new TransactionBound<>(ArrayList::new, this::sendPending);

    TaskMail(Notifications notifications, TaskRecipients recipients, NotificationSettings settings) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.settings = settings;
    }

    /**
     * Taken when the task is created; its mail is queued just before the transaction commits, with
     * the mail of the other tasks it created (a ballot opens one for each organisation): one read
     * of their groups, one of the outbox, one of the recipients and one write for all of them.
     */
    @EventListener(condition = "#task.eventName == '" + TaskListener.EVENTNAME_CREATE + "'")
    public void taskCreated(DelegateTask task) {
        ModelElementInstance element = task.getBpmnModelElementInstance();
        if (mailTurnedOff(element)) {
            return;
        }
        NewTask created = new NewTask(task.getId(), task.getName(), TaskRecipients.Addressees.of(task.getAssignee(),
                task.getCandidates()), model(task.getId(), task.getName(), task.getDescription(), task.getDueDate(),
                        processName(element)));
        List<NewTask> pending = newTasks.current();
        if (pending == null) {
            send(List.of(created));
        } else {
            pending.add(created);
        }
    }

    /** What a new task's mail needs, read from the task as it is created. */
    record NewTask(String id, String name, TaskRecipients.Addressees addressees, Map<String, Object> model) {
    }

    /** Queues the mail of these new tasks, and of any the queueing itself creates. */
    private void sendPending(List<NewTask> pending) {
        while (!pending.isEmpty()) {
            List<NewTask> tasks = List.copyOf(pending);
            pending.clear();
            send(tasks);
        }
    }

    void send(List<NewTask> tasks) {
        List<Map<String, String>> people = recipients.ofAll(tasks.stream().map(NewTask::addressees).toList());
        List<Notifications.Message> messages = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            NewTask task = tasks.get(i);
            people.get(i).forEach((userId, why) -> messages.add(new Notifications.Message(MailKind.TASK_CREATED, userId,
                    "task-created:" + task.id() + ":" + userId, "New task: " + task.name(), why, task.model())));
        }
        notifications.sendAll(messages);
    }

    /**
     * A model may leave out the new-task mail, for a user task or for every task of its process:
     * {@code <camunda:property name="taskMail" value="off" />} (the benchmark's bare anchor does).
     */
    static boolean mailTurnedOff(ModelElementInstance element) {
        for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
            if (e instanceof BaseElement base && base.getExtensionElements() != null) {
                for (CamundaProperties properties : base.getExtensionElements().getChildElementsByType(CamundaProperties.class)) {
                    for (CamundaProperty property : properties.getCamundaProperties()) {
                        if (MAIL_PROPERTY.equals(property.getCamundaName())) {
                            return "off".equals(property.getCamundaValue());
                        }
                    }
                }
            }
        }
        return false;
    }

    Map<String, Object> model(String taskId, String name, String description, Date due, String processName) {
        Map<String, Object> model = new HashMap<>();
        model.put("taskName", name == null ? "A task" : name);
        model.put("description", description == null || description.isBlank() ? null : description);
        model.put("due", due == null ? null : format(due));
        model.put("processName", processName);
        model.put("taskUrl", settings.tasklistLink(taskId));
        return model;
    }

    /** The name of the task's process, from its model (as the process definition's name is). */
    static String processName(ModelElementInstance element) {
        for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
            if (e instanceof Process process) {
                return process.getName();
            }
        }
        return null;
    }

    static String format(Date date) {
        SimpleDateFormat format = new SimpleDateFormat("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format.format(date);
    }
}
