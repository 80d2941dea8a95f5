package org.citizendata.collaborative.notification;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily digest: everything held for a person since the last one, in one mail. */
@Configuration
class Digests {

    private final MailOutbox outbox;
    private final Notifications notifications;
    private final NotificationSettings settings;

    Digests(MailOutbox outbox, Notifications notifications, NotificationSettings settings) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.settings = settings;
    }

    @Bean
    JavaDelegate sendDigests() {
        return execution -> sendAll();
    }

    /** Returns how many digests were queued. */
    int sendAll() {
        int sent = 0;
        for (String userId : outbox.usersWithHeldMail()) {
            List<OutboxMail> held = outbox.held(userId);
            String key = "digest:" + userId + ":" + LocalDate.now(ZoneOffset.UTC) + ":" + held.get(held.size() - 1).id();
            Map<String, Object> model = Map.of("count", held.size(),
                    "items", held.stream().map(OutboxMail::subject).toList(),
                    "tasklistUrl", settings.baseUrl() + "/camunda/app/tasklist/default/");
            MailStatus status = notifications.send(new Notifications.Message(MailKind.DIGEST, userId, key,
                    "Your daily digest: " + held.size() + (held.size() == 1 ? " update" : " updates"),
                    "you chose a daily digest of the Collaborative's mail", model));
            if (status != null) {
                outbox.markDigested(held.stream().map(OutboxMail::id).toList(), key);
                sent++;
            }
        }
        return sent;
    }
}
