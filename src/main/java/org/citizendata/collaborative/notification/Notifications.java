package org.citizendata.collaborative.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The one way the processes send mail. A mail is written to the outbox in the transaction of
 * the action that causes it (no action, no mail) and delivered later by a job (one for all the
 * mail of that action, {@link MailDeliveries}), so an SMTP outage never fails anyone's action.
 * The idempotency key makes a cause mail a person once.
 */
@Service
public class Notifications {

    public static final String DELIVERY_PROCESS = "mail-delivery";
    public static final String UNDELIVERABLE_PROCESS = "undeliverable-mail";

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final MailOutbox outbox;
    private final MailPreferences preferences;
    private final MailComposer composer;
    private final MailDeliveries deliveries;
    private final NotificationSettings settings;
    private final boolean smtpConfigured;

    Notifications(MailOutbox outbox, MailPreferences preferences, MailComposer composer,
            MailDeliveries deliveries, NotificationSettings settings, @Value("${spring.mail.host:}") String smtpHost) {
        this.outbox = outbox;
        this.preferences = preferences;
        this.composer = composer;
        this.deliveries = deliveries;
        this.settings = settings;
        this.smtpConfigured = !smtpHost.isBlank();
    }

    /** What to tell one person, and why they are told. */
    public record Message(MailKind kind, String userId, String idempotencyKey, String subject, String why,
            Map<String, Object> model) {
    }

    /** Queues the message for its recipient; returns the outbox status, or null when nothing was queued. */
    public MailStatus send(Message message) {
        if (outbox.exists(message.idempotencyKey())) {
            return null; // the hourly reminders ask again for every due task: nothing rendered twice
        }
        MailPreferences.Recipient recipient = preferences.recipient(message.userId()).orElse(null);
        if (recipient == null || recipient.email() == null || recipient.email().isBlank()) {
            LOG.warn("No mail address for user {}: {} not sent", message.userId(), message.subject());
            return null;
        }
        MailPreferences.Preference preference = recipient.preference();
        return queue(message, recipient.name(), recipient.email(),
                preference.statusFor(message.kind(), message.kind().essential()),
                settings.preferencesLink(preference.token()));
    }

    /**
     * Queues a message for someone outside the directory (a resource person invited by a
     * workstream lead): no account, no preferences, so always sent.
     */
    public MailStatus sendToAddress(Message message, String name, String address) {
        if (outbox.exists(message.idempotencyKey())) {
            return null;
        }
        return queue(message, name, address, MailStatus.QUEUED, null);
    }

    private MailStatus queue(Message message, String name, String address, MailStatus wanted, String preferencesUrl) {
        MailStatus status = wanted == MailStatus.QUEUED && !smtpConfigured ? MailStatus.KEPT : wanted;
        MailComposer.Rendered mail = composer.render(message.kind(), message.subject(), name, message.why(),
                preferencesUrl, message.model());
        OutboxMail row = new OutboxMail(UUID.randomUUID().toString(), message.idempotencyKey(), message.userId(),
                address, message.kind(), message.kind().essential(), mail.subject(), mail.text(), mail.html(), status,
                0, null, Instant.now(), null);
        MailDeliveries.Batch batch = status == MailStatus.QUEUED ? deliveries.current() : null;
        if (!outbox.insertOnce(row, batch == null ? null : batch.id)) {
            return null;
        }
        if (batch != null) {
            deliveries.queued(batch);
        } else if (status == MailStatus.KEPT) {
            LOG.info("Mail kept in the outbox (no SMTP server configured) to {} <{}>: {}\n{}", name, address,
                    mail.subject(), mail.text());
        }
        return status;
    }
}
