package org.citizendata.collaborative.notification;

import java.time.Instant;

/** A mail in the outbox. */
public record OutboxMail(
        String id,
        String idempotencyKey,
        String recipientUserId,
        String recipientAddress,
        MailKind kind,
        boolean essential,
        String subject,
        String textBody,
        String htmlBody,
        MailStatus status,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant sentAt) {
}
