package org.citizendata.collaborative.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The outbox table. */
@Repository
public class MailOutbox {

    private final JdbcTemplate jdbc;

    MailOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the mail, in the given delivery batch, unless one with its idempotency key exists; true when inserted. */
    boolean insertOnce(OutboxMail m, String batchId) {
        return jdbc.update("insert into mail_outbox (id, idempotency_key, recipient_user_id, recipient_address, kind,"
                        + " essential, subject, text_body, html_body, status, attempts, created_at, batch_id)"
                        + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ? from (values (1)) as one(x)"
                        + " where not exists (select 1 from mail_outbox where idempotency_key = ?)",
                m.id(), m.idempotencyKey(), m.recipientUserId(), m.recipientAddress(), m.kind().name(), m.essential(),
                m.subject(), m.textBody(), m.htmlBody(), m.status().name(), Timestamp.from(m.createdAt()), batchId,
                m.idempotencyKey()) == 1;
    }

    /** The batch's mail still to send, and any a delivery was handing over when it stopped, in the order queued. */
    List<OutboxMail> queuedIn(String batchId) {
        return jdbc.query("select * from mail_outbox where batch_id = ? and status in ('QUEUED', 'SENDING')"
                + " order by created_at, id", MailOutbox::mail, batchId);
    }

    /** The delivery batch of a mail; empty for mail queued before batches (its delivery is named by the mail). */
    Optional<String> batchOf(String id) {
        return jdbc.queryForList("select batch_id from mail_outbox where id = ?", String.class, id).stream()
                .filter(batch -> batch != null).findFirst();
    }

    boolean exists(String idempotencyKey) {
        Integer count = jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key = ?", Integer.class,
                idempotencyKey);
        return count != null && count > 0;
    }

    public Optional<OutboxMail> find(String id) {
        return jdbc.query("select * from mail_outbox where id = ?", MailOutbox::mail, id).stream().findFirst();
    }

    public List<OutboxMail> latest(int limit) {
        return jdbc.query("select * from mail_outbox order by created_at desc, id limit ?", MailOutbox::mail, limit);
    }

    List<OutboxMail> held(String userId) {
        return jdbc.query("select * from mail_outbox where recipient_user_id = ? and status = 'HELD' order by created_at",
                MailOutbox::mail, userId);
    }

    List<String> usersWithHeldMail() {
        return jdbc.queryForList("select distinct recipient_user_id from mail_outbox where status = 'HELD'"
                + " and recipient_user_id is not null order by recipient_user_id", String.class);
    }

    void markDigested(List<String> ids, String digestId) {
        for (String id : ids) {
            jdbc.update("update mail_outbox set status = 'DIGESTED', digest_id = ? where id = ? and status = 'HELD'",
                    digestId, id);
        }
    }

    /** Marks the mail sent; the stored copy keeps no one-time link from then on. */
    void markSent(OutboxMail mail, Instant at) {
        String text = OneTimeLinkText.withheld(mail.textBody());
        String html = OneTimeLinkText.withheld(mail.htmlBody());
        String sent = "update mail_outbox set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null";
        String handedOver = " where id = ? and status in ('QUEUED', 'SENDING')";
        if (text.equals(mail.textBody()) && html.equals(mail.htmlBody())) {
            jdbc.update(sent + handedOver, Timestamp.from(at), mail.id());
        } else {
            jdbc.update(sent + ", text_body = ?, html_body = ?" + handedOver, Timestamp.from(at), text, html, mail.id());
        }
    }

    /** About to be handed to the mail server; false when another run of the delivery took it first or sent it. */
    boolean markSending(String id) {
        return jdbc.update("update mail_outbox set status = 'SENDING' where id = ? and status = 'QUEUED'", id) == 1;
    }

    /** The server did not take it: queued again for the next attempt. */
    void markAttemptFailed(String id, String error) {
        jdbc.update("update mail_outbox set attempts = attempts + 1, last_error = ?,"
                + " status = case when status = 'SENDING' then 'QUEUED' else status end where id = ?", truncate(error), id);
    }

    void markFailed(String id, String error) {
        jdbc.update("update mail_outbox set status = 'FAILED', attempts = attempts + 1, last_error = ? where id = ?",
                truncate(error), id);
    }

    /** Queues the mail again, to another address, in the given delivery batch. */
    void requeue(String id, String address, String batchId) {
        jdbc.update("update mail_outbox set status = 'QUEUED', recipient_address = ?, last_error = null,"
                + " batch_id = coalesce(?, batch_id) where id = ?", address, batchId, id);
    }

    void markDiscarded(String id) {
        jdbc.update("update mail_outbox set status = 'DISCARDED' where id = ?", id);
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static OutboxMail mail(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new OutboxMail(rs.getString("id"), rs.getString("idempotency_key"), rs.getString("recipient_user_id"),
                rs.getString("recipient_address"), MailKind.valueOf(rs.getString("kind")), rs.getBoolean("essential"),
                rs.getString("subject"), rs.getString("text_body"), rs.getString("html_body"),
                MailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant());
    }
}
