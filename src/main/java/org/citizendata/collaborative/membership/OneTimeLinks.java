package org.citizendata.collaborative.membership;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.citizendata.collaborative.platform.Secrets;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links sent by mail that work once and expire: the mail carries a random secret, this table only
 * its SHA-256, and the outbox's copy of the mail loses the link once it is sent.
 */
@Component
class OneTimeLinks {

    enum Purpose {
        INFORMATION, PASSWORD
    }

    /** Why a link does not open. */
    enum Refusal {
        UNKNOWN, USED, EXPIRED
    }

    record Link(Purpose purpose, String subject, Instant expiresAt) {
    }

    private final JdbcTemplate jdbc;

    OneTimeLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new link for the subject; earlier unused links of the same purpose stop working. */
    String issue(Purpose purpose, String subject, Duration validity) {
        String token = Secrets.token();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        jdbc.update("update one_time_link set used_at = ? where purpose = ? and subject = ? and used_at is null",
                Timestamp.from(now), purpose.name(), subject);
        jdbc.update("insert into one_time_link (token_hash, purpose, subject, created_at, expires_at) values (?, ?, ?, ?, ?)",
                hash(token), purpose.name(), subject, Timestamp.from(now), Timestamp.from(now.plus(validity)));
        return token;
    }

    /** The link behind the token if it can still be used, or why not. */
    Result check(Purpose purpose, String token) {
        if (token == null || token.length() != 43) {
            return new Result(null, Refusal.UNKNOWN);
        }
        return jdbc.query("select subject, expires_at, used_at from one_time_link where token_hash = ? and purpose = ?",
                (rs, n) -> {
                    if (rs.getTimestamp("used_at") != null) {
                        return new Result(null, Refusal.USED);
                    }
                    Instant expires = rs.getTimestamp("expires_at").toInstant();
                    if (!expires.isAfter(ClockUtil.getCurrentTime().toInstant())) {
                        return new Result(null, Refusal.EXPIRED);
                    }
                    return new Result(new Link(purpose, rs.getString("subject"), expires), null);
                }, hash(token), purpose.name()).stream().findFirst().orElse(new Result(null, Refusal.UNKNOWN));
    }

    /** Marks the link used; false when another request used it first. */
    boolean use(String token) {
        return jdbc.update("update one_time_link set used_at = ? where token_hash = ? and used_at is null",
                Timestamp.from(ClockUtil.getCurrentTime().toInstant()), hash(token)) == 1;
    }

    record Result(Link link, Refusal refusal) {

        Optional<Link> valid() {
            return Optional.ofNullable(link);
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
