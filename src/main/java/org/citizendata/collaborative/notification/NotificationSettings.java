package org.citizendata.collaborative.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code collaborative.mail.*}: where links point, who mail comes from, and the rhythms of
 * retries, reminders and digests.
 */
@ConfigurationProperties("collaborative.mail")
public record NotificationSettings(
        String baseUrl,
        String from,
        String retryCycle,
        Duration remindBefore,
        String reminderScan,
        String digestCron,
        List<String> processesWithOwnReminders) {

    public String tasklistLink(String taskId) {
        return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    public String preferencesLink(String token) {
        return baseUrl + "/mail/preferences?token=" + token;
    }
}
