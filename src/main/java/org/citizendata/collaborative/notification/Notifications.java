package org.citizendata.collaborative.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return sendAll(List.of(message)).get(0);
    }

    /**
     * Queues each message for its recipient, as {@link #send} does, with one read of the outbox,
     * one of the directory and one write for all of them (a drive tells every member): the
     * outbox status of each message, in their order, null where nothing was queued.
     */
    public List<MailStatus> sendAll(List<Message> messages) {
        Set<String> existing = outbox.existingKeys(messages.stream().map(Message::idempotencyKey).toList());
        Map<String, MailPreferences.Recipient> recipients = preferences.recipients(messages.stream()
                .filter(m -> !existing.contains(m.idempotencyKey())).map(Message::userId).toList());
        Set<String> taken = new HashSet<>(existing);
        List<Addressed> addressed = new ArrayList<>();
        for (Message message : messages) {
            // The hourly reminders ask again for every due task: nothing is rendered twice, nor queued twice from one list.
            if (!taken.add(message.idempotencyKey())) {
                addressed.add(null);
                continue;
            }
            MailPreferences.Recipient recipient = recipients.get(message.userId());
            if (recipient == null || recipient.email() == null || recipient.email().isBlank()) {
                LOG.warn("No mail address for user {}: {} not sent", message.userId(), message.subject());
                addressed.add(null);
                continue;
            }
            MailPreferences.Preference preference = recipient.preference();
            addressed.add(new Addressed(message, recipient.name(), recipient.email(),
                    preference.statusFor(message.kind(), message.kind().essential()),
                    settings.preferencesLink(preference.token())));
        }
        return queue(addressed);
    }

    /**
     * Queues a message for someone outside the directory (a resource person invited by a
     * workstream lead): no account, no preferences, so always sent.
     */
    public MailStatus sendToAddress(Message message, String name, String address) {
        if (!outbox.existingKeys(List.of(message.idempotencyKey())).isEmpty()) {
            return null;
        }
        return queue(List.of(new Addressed(message, name, address, MailStatus.QUEUED, null))).get(0);
    }

    /** A message with whom it goes to, and what becomes of it. */
    private record Addressed(Message message, String name, String address, MailStatus wanted, String preferencesUrl) {
    }

    /** Renders and stores the addressed messages (null: nothing to queue), in one write; their statuses. */
    private List<MailStatus> queue(List<Addressed> addressed) {
        List<OutboxMail> rows = new ArrayList<>();
        for (Addressed a : addressed) {
            if (a == null) {
                continue;
            }
            MailStatus status = a.wanted() == MailStatus.QUEUED && !smtpConfigured ? MailStatus.KEPT : a.wanted();
            MailComposer.Rendered mail = composer.render(a.message().kind(), a.message().subject(), a.name(),
                    a.message().why(), a.preferencesUrl(), a.message().model());
            rows.add(new OutboxMail(UUID.randomUUID().toString(), a.message().idempotencyKey(), a.message().userId(),
                    a.address(), a.message().kind(), a.message().kind().essential(), mail.subject(), mail.text(),
                    mail.html(), status, 0, null, Instant.now(), null));
        }
        boolean toDeliver = rows.stream().anyMatch(row -> row.status() == MailStatus.QUEUED);
        MailDeliveries.Batch batch = toDeliver ? deliveries.current() : null;
        boolean[] inserted = rows.isEmpty() ? new boolean[0] : outbox.insertAllOnce(rows, batch == null ? null : batch.id);
        List<MailStatus> statuses = new ArrayList<>();
        int row = 0;
        for (Addressed a : addressed) {
            if (a == null) {
                statuses.add(null);
                continue;
            }
            OutboxMail mail = rows.get(row);
            if (!inserted[row++]) {
                statuses.add(null);
                continue;
            }
            if (mail.status() == MailStatus.QUEUED) {
                deliveries.queued(batch);
            } else if (mail.status() == MailStatus.KEPT) {
                LOG.info("Mail kept in the outbox (no SMTP server configured) to {} <{}>: {}\n{}", a.name(), a.address(),
                        mail.subject(), mail.textBody());
            }
            statuses.add(mail.status());
        }
        return statuses;
    }
}
