package org.citizendata.collaborative.membership;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rate limit of the public application page: every post counts against its client address,
 * kept in the database so that every node of the application sees the same count.
 */
@Component
class ApplyAttempts {

    private final JdbcTemplate jdbc;
    private final MembershipSettings settings;

    ApplyAttempts(JdbcTemplate jdbc, MembershipSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Counts the post; false when the address has used up its posts in the window. */
    boolean admit(String address) {
        Instant now = Instant.now();
        Timestamp windowStart = Timestamp.from(now.minus(settings.applyRateWindow()));
        jdbc.update("delete from application_attempt where attempted_at < ?", windowStart);
        String key = address == null ? "unknown" : address.length() > 64 ? address.substring(0, 64) : address;
        Integer recent = jdbc.queryForObject("select count(*) from application_attempt where address = ? and attempted_at >= ?",
                Integer.class, key, windowStart);
        if (recent >= settings.applyRateLimit()) {
            return false;
        }
        jdbc.update("insert into application_attempt (address, attempted_at) values (?, ?)", key, Timestamp.from(now));
        return true;
    }

    long retryAfterSeconds() {
        return settings.applyRateWindow().toSeconds();
    }
}
