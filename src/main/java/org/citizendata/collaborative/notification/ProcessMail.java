package org.citizendata.collaborative.notification;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mails a process names: a service task with {@code camunda:delegateExpression="${notifyByMail}"}
 * and input parameters {@code mailTo} (user ids, or {@code group:<id>}, comma separated),
 * {@code mailSubject}, {@code mailText} (paragraphs separated by blank lines), {@code mailWhy},
 * and optionally {@code mailLinkUrl} and {@code mailLinkLabel}.
 */
@Configuration
class ProcessMail {

    private final Notifications notifications;
    private final DirectoryLookup directory;

    ProcessMail(Notifications notifications, DirectoryLookup directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    @Bean
    JavaDelegate notifyByMail() {
        return execution -> {
            String subject = required(execution, "mailSubject");
            String text = required(execution, "mailText");
            String why = required(execution, "mailWhy");
            Map<String, Object> model = new HashMap<>();
            model.put("paragraphs", Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList());
            model.put("linkUrl", execution.getVariable("mailLinkUrl"));
            model.put("linkLabel", execution.getVariable("mailLinkLabel") == null ? "Open" : execution.getVariable("mailLinkLabel"));
            notifications.sendAll(recipients(required(execution, "mailTo")).stream().map(userId -> new Notifications.Message(
                    MailKind.PROCESS_MESSAGE, userId,
                    "process:" + execution.getProcessInstanceId() + ":" + execution.getActivityInstanceId() + ":" + userId,
                    subject, why, model)).toList());
        };
    }

    private List<String> recipients(String mailTo) {
        Map<String, Boolean> users = new LinkedHashMap<>();
        for (String entry : mailTo.split(",")) {
            String name = entry.strip();
            if (name.startsWith("group:")) {
                directory.membersOf(name.substring("group:".length())).forEach(u -> users.put(u, true));
            } else if (!name.isEmpty()) {
                users.put(name, true);
            }
        }
        return List.copyOf(users.keySet());
    }

    private static String required(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("The mail step " + execution.getCurrentActivityId() + " needs " + name);
        }
        return value.toString();
    }
}
