package org.citizendata.collaborative.notification;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.HashMap;
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

    TaskMail(Notifications notifications, TaskRecipients recipients, NotificationSettings settings) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.settings = settings;
    }

    @EventListener(condition = "#task.eventName == '" + TaskListener.EVENTNAME_CREATE + "'")
    public void taskCreated(DelegateTask task) {
        ModelElementInstance element = task.getBpmnModelElementInstance();
        if (mailTurnedOff(element)) {
            return;
        }
        Map<String, Object> model = model(task.getId(), task.getName(), task.getDescription(), task.getDueDate(),
                processName(element));
        notifications.sendAll(recipients.of(task.getAssignee(), task.getCandidates()).entrySet().stream()
                .map(person -> new Notifications.Message(MailKind.TASK_CREATED, person.getKey(),
                        "task-created:" + task.getId() + ":" + person.getKey(), "New task: " + task.getName(),
                        person.getValue(), model)).toList());
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
