package org.citizendata.collaborative.review;

import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which Statistical Commission session an output goes to, and when the Secretariat prepares it:
 * the next session whose document deadline has not passed (the deadline day itself still counts),
 * with the preparation due a lead time before that deadline, or today if that is already later.
 */
final class SessionScheduler {

    record Session(int number, LocalDate opensOn, LocalDate closesOn, LocalDate documentDeadline) {
    }

    /** The session chosen, the preparation's due date, and whether an earlier session was missed. */
    record Schedule(Session session, LocalDate preparationDue, boolean missedEarlierSession) {
    }

    private SessionScheduler() {
    }

    static Optional<Schedule> schedule(List<Session> calendar, LocalDate today, Period preparationLead) {
        List<Session> upcoming = calendar.stream().filter(s -> !s.opensOn().isBefore(today))
                .sorted(Comparator.comparing(Session::opensOn)).toList();
        if (upcoming.isEmpty()) {
            return Optional.empty();
        }
        boolean missed = false;
        for (Session session : upcoming) {
            if (!session.documentDeadline().isBefore(today)) {
                LocalDate due = session.documentDeadline().minus(preparationLead);
                return Optional.of(new Schedule(session, due.isBefore(today) ? today : due, missed));
            }
            missed = true;
        }
        return Optional.empty();
    }
}
