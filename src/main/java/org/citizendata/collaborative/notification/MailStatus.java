package org.citizendata.collaborative.notification;

/** Where a mail of the outbox stands. */
public enum MailStatus {
    /** Waiting for its delivery job. */
    QUEUED,
    SENT,
    /** No SMTP server configured (the embedded default): kept in the outbox and written to the log. */
    KEPT,
    /** Waiting for the recipient's daily digest. */
    HELD,
    /** Sent as part of a digest. */
    DIGESTED,
    /** Not sent: the recipient turned this kind of mail off. */
    SUPPRESSED,
    /** Could not be delivered; the reason is in last_error. */
    FAILED,
    /** Given up by the Secretariat. */
    DISCARDED
}
