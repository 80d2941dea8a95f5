package org.citizendata.collaborative.review;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.citizendata.collaborative.platform.FormInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The Statistical Commission's session calendar, which the Secretariat keeps. */
@Component
class CommissionCalendar {

    /** domain.md: documents are due 8 weeks before the session opens. */
    static final int DEFAULT_DEADLINE_WEEKS = 8;

    private final JdbcTemplate jdbc;

    CommissionCalendar(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<SessionScheduler.Session> sessions() {
        return jdbc.query("select * from commission_session order by opens_on", (rs, n) -> new SessionScheduler.Session(
                rs.getInt("session_number"), rs.getDate("opens_on").toLocalDate(), rs.getDate("closes_on").toLocalDate(),
                rs.getDate("document_deadline").toLocalDate()));
    }

    void add(int number, LocalDate opens, LocalDate closes, LocalDate deadline) {
        LocalDate due = deadline == null ? opens.minusWeeks(DEFAULT_DEADLINE_WEEKS) : deadline;
        if (number < 1 || closes.isBefore(opens) || due.isAfter(opens)) {
            throw new FormInputException(Map.of("sessionNumber", "a positive session number; the session closes after it"
                    + " opens, and documents are due before it opens"));
        }
        if (sessions().stream().anyMatch(s -> s.number() == number)) {
            throw new FormInputException(Map.of("sessionNumber", "session " + number + " is already in the calendar"));
        }
        try {
            jdbc.update("insert into commission_session (session_number, opens_on, closes_on, document_deadline)"
                    + " values (?, ?, ?, ?)", number, Date.valueOf(opens), Date.valueOf(closes), Date.valueOf(due));
        } catch (DuplicateKeyException e) {
            throw new FormInputException(Map.of("sessionNumber", "session " + number + " is already in the calendar"));
        }
    }
}
