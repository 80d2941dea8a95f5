package org.citizendata.collaborative.decision;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.citizendata.collaborative.platform.Csv;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The append-only log of every ballot event; nothing here updates or deletes. */
@Component
public class BallotLog {

    public enum EventType {
        OPENED, RECUSED, NO_CONFLICT, VOTING_OPENED, VOTED, REMINDED, CLOSED, NO_QUORUM, EXTENDED, REOPENED, RESULT
    }

    public record Event(long id, Instant occurredAt, EventType type, String organisationId, String actor, String detail) {
    }

    private final JdbcTemplate jdbc;

    BallotLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(String ballotId, EventType type, String organisationId, String actor, String detail) {
        jdbc.update("insert into ballot_event (ballot_id, occurred_at, event_type, organisation_id, actor, detail)"
                + " values (?, ?, ?, ?, ?, ?)", ballotId, Timestamp.from(Instant.now()), type.name(), organisationId,
                actor, detail);
    }

    public List<Event> events(String ballotId) {
        return jdbc.query("select * from ballot_event where ballot_id = ? order by id",
                (rs, n) -> new Event(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        EventType.valueOf(rs.getString("event_type")), rs.getString("organisation_id"),
                        rs.getString("actor"), rs.getString("detail")), ballotId);
    }

    /** The log as CSV (RFC 4180, formula-safe), one event a line. */
    public String csv(String ballotId) {
        StringBuilder out = new StringBuilder(Csv.row("id", "occurred_at", "event", "organisation", "actor", "detail"));
        for (Event e : events(ballotId)) {
            out.append(Csv.row(String.valueOf(e.id()), e.occurredAt().toString(), e.type().name(), e.organisationId(),
                    e.actor(), e.detail()));
        }
        return out.toString();
    }
}
