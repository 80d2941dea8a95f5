package org.citizendata.collaborative.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.platform.Secrets;
import org.citizendata.collaborative.platform.SqlInLists;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Each user's mail preferences, and the secret token of the link that changes them. */
@Service
public class MailPreferences {


    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    MailPreferences(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Preference(String userId, Delivery delivery, boolean nonEssentialOff, String token) {

        /** What happens to a mail of this kind for this user. */
        MailStatus statusFor(MailKind kind, boolean essential) {
            if (essential) {
                return MailStatus.QUEUED;
            }
            if (nonEssentialOff || delivery == Delivery.DECISIONS_ONLY) {
                return MailStatus.SUPPRESSED;
            }
            return delivery == Delivery.DAILY_DIGEST && kind != MailKind.DIGEST ? MailStatus.HELD : MailStatus.QUEUED;
        }
    }

    /** Whom a mail goes to: the directory's name and address, and the preference. */
    public record Recipient(String name, String email, Preference preference) {
    }

    /**
     * The users' names and addresses with their preferences, in one read (a few for thousands):
     * user id to recipient, without the users not in the directory. A preference is created on
     * first use, as by {@link #of}, for a user with an address.
     */
    public Map<String, Recipient> recipients(Collection<String> userIds) {
        Map<String, Recipient> found = new HashMap<>();
        for (List<String> chunk : SqlInLists.chunks(userIds)) {
            jdbc.query("select u.id_, u.first_, u.last_, u.email_, p.user_id, p.delivery, p.non_essential_off, p.token"
                    + " from act_id_user u left join mail_preference p on p.user_id = u.id_ where u.id_ in ("
                    + SqlInLists.placeholders(chunk) + ")", rs -> {
                        found.put(rs.getString("id_"), new Recipient(
                                DirectoryLookup.name(rs.getString("first_"), rs.getString("last_"), rs.getString("id_")),
                                rs.getString("email_"), rs.getString("user_id") == null ? null : preference(rs)));
                    }, chunk.toArray());
        }
        found.replaceAll((userId, recipient) -> {
            boolean mailable = recipient.email() != null && !recipient.email().isBlank();
            return recipient.preference() != null || !mailable ? recipient
                    : new Recipient(recipient.name(), recipient.email(), of(userId));
        });
        return found;
    }

    /**
     * The user's preference, created with the defaults (immediate, everything) on first use. The
     * row is created in a transaction of its own, committed at once: two actions mailing the same
     * new person at the same moment must not fail each other on its key.
     */
    public Preference of(String userId) {
        Optional<Preference> existing = find(userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "insert into mail_preference (user_id, delivery, non_essential_off, token, updated_at)"
                            + " select ?, 'IMMEDIATE', false, ?, ? from (values (1)) as one(x)"
                            + " where not exists (select 1 from mail_preference where user_id = ?)",
                    userId, Secrets.token(), Timestamp.from(Instant.now()), userId));
        } catch (DuplicateKeyException createdMeanwhile) {
            // another action created it first: read theirs
        }
        return find(userId).orElseThrow();
    }

    public Optional<Preference> byToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query("select * from mail_preference where token = ?", (rs, n) -> preference(rs), token).stream()
                .findFirst();
    }

    public void update(String userId, Delivery delivery, boolean nonEssentialOff) {
        of(userId);
        jdbc.update("update mail_preference set delivery = ?, non_essential_off = ?, updated_at = ? where user_id = ?",
                delivery.name(), nonEssentialOff, Timestamp.from(Instant.now()), userId);
    }

    private Optional<Preference> find(String userId) {
        return jdbc.query("select * from mail_preference where user_id = ?", (rs, n) -> preference(rs), userId).stream()
                .findFirst();
    }

    private static Preference preference(ResultSet rs) throws SQLException {
        return new Preference(rs.getString("user_id"), Delivery.valueOf(rs.getString("delivery")),
                rs.getBoolean("non_essential_off"), rs.getString("token"));
    }

}
