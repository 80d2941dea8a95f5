package org.citizendata.collaborative.notification;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citizendata.collaborative.platform.SqlInLists;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The outbox table. */
@Repository
public class MailOutbox {

    private static final String INSERT_ONCE = "insert into mail_outbox (id, idempotency_key, recipient_user_id,"
            + " recipient_address, kind, essential, subject, text_body, html_body, status, attempts, created_at, batch_id)"
            + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ? from (values (1)) as one(x)"
            + " where not exists (select 1 from mail_outbox where idempotency_key = ?)";

    /**
     * Both marks of a hand-over step in one statement, so that they go to the database as one
     * batch: the new status where the mail is still in one of two statuses, and for a sent mail its
     * time, one more attempt, no error, and the bodies without one-time links.
     */
    private static final String HANDOVER_MARK = "update mail_outbox set status = ?,"
            + " sent_at = case when ? then ? else sent_at end,"
            + " attempts = case when ? then attempts + 1 else attempts end,"
            + " last_error = case when ? then null else last_error end,"
            + " text_body = case when ? then ? else text_body end, html_body = case when ? then ? else html_body end"
            + " where id = ? and status in (?, ?)";

    private final JdbcTemplate jdbc;

    MailOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the mail, in the given delivery batch, unless one with its idempotency key exists; true when inserted. */
    boolean insertOnce(OutboxMail m, String batchId) {
        return jdbc.update(INSERT_ONCE, insertValues(m, batchId)) == 1;
    }

    /**
     * Inserts each mail, in the given delivery batch (null: none), unless one with its idempotency
     * key exists, in one round trip to the database; true for each mail inserted.
     */
    boolean[] insertAllOnce(List<OutboxMail> mails, String batchId) {
        if (mails.size() == 1) {
            return new boolean[] {insertOnce(mails.get(0), batchId)};
        }
        int[] counts = jdbc.batchUpdate(INSERT_ONCE, mails.stream().map(m -> insertValues(m, batchId)).toList());
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] == 1;
        }
        return inserted;
    }

    /** A mail is in the delivery batch only while queued for delivery: held, suppressed or kept mail is in none. */
    private static Object[] insertValues(OutboxMail m, String batchId) {
        String batch = m.status() == MailStatus.QUEUED ? batchId : null;
        return new Object[] {m.id(), m.idempotencyKey(), m.recipientUserId(), m.recipientAddress(), m.kind().name(),
                m.essential(), m.subject(), m.textBody(), m.htmlBody(), m.status().name(), Timestamp.from(m.createdAt()),
                batch, m.idempotencyKey()};
    }

    /** Which of these idempotency keys the outbox has already, in one read (a few for thousands of keys). */
    Set<String> existingKeys(Collection<String> keys) {
        Set<String> existing = new HashSet<>();
        for (List<String> chunk : SqlInLists.chunks(keys)) {
            existing.addAll(jdbc.queryForList("select idempotency_key from mail_outbox where idempotency_key in ("
                    + SqlInLists.placeholders(chunk) + ")", String.class, chunk.toArray()));
        }
        return existing;
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

    /**
     * Records a step of the hand-over to the mail server in one round trip to the database, outside
     * any transaction: the mail the server took is marked sent (its stored copy keeps no one-time
     * link from then on), then the next mail is marked as being handed over, both committed before
     * this returns. Either may be null. False when the next mail is no longer queued (another run of
     * the delivery took it first, or sent it). A delivery stopped in between leaves the next mail
     * queued, never handed over: PostgreSQL commits the two marks together, H2 one after the other.
     */
    boolean recordHandover(OutboxMail sent, Instant at, String next) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The hand-over's marks must be committed before the mail goes out:"
                    + " record them outside a transaction");
        }
        List<Object[]> marks = new ArrayList<>();
        if (sent != null) {
            String text = OneTimeLinkText.withheld(sent.textBody());
            String html = OneTimeLinkText.withheld(sent.htmlBody());
            boolean withheld = !text.equals(sent.textBody()) || !html.equals(sent.htmlBody());
            marks.add(handoverMark(sent.id(), "SENT", List.of("QUEUED", "SENDING"), at, withheld ? text : null,
                    withheld ? html : null));
        }
        if (next != null) {
            marks.add(handoverMark(next, "SENDING", List.of("QUEUED", "QUEUED"), null, null, null));
        }
        if (marks.isEmpty()) {
            return true;
        }
        int[] counts = jdbc.execute((ConnectionCallback<int[]>) connection -> {
            int[] updated;
            try (PreparedStatement update = connection.prepareStatement(HANDOVER_MARK)) {
                for (Object[] mark : marks) {
                    for (int i = 0; i < mark.length; i++) {
                        update.setObject(i + 1, mark[i]);
                    }
                    update.addBatch();
                }
                updated = update.executeBatch();
            }
            if (!connection.getAutoCommit()) {
                connection.commit(); // a pool that hands out connections without autocommit
            }
            return updated;
        });
        return next == null || counts[counts.length - 1] == 1;
    }

    /** The parameters of {@link #HANDOVER_MARK}: a sent mail has its time; withheld bodies are not null. */
    private static Object[] handoverMark(String id, String status, List<String> from, Instant sentAt, String text,
            String html) {
        boolean sent = sentAt != null;
        return new Object[] {status, sent, sent ? Timestamp.from(sentAt) : new Timestamp(0), sent, sent, text != null,
                text == null ? "" : text, html != null, html == null ? "" : html, id, from.get(0), from.get(1)};
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
