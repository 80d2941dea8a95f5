package org.citizendata.collaborative.notification;

/** Where a mail of the outbox stands. */
public enum MailStatus {
    /** Waiting for its delivery job. */
    QUEUED,
    /**
     * Being handed to the mail server: found so by a delivery, the one before stopped between the
     * hand-over and recording the server's answer (the application was killed), so the mail may
     * have arrived. It is not sent again; the Secretariat decides.
     */
    SENDING,
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
