package org.citizendata.collaborative.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.citizendata.collaborative.review.SessionScheduler.Schedule;
import org.citizendata.collaborative.review.SessionScheduler.Session;
import org.junit.jupiter.api.Test;

class SessionSchedulerTest {

    static final Session S58 = new Session(58, LocalDate.of(2027, 3, 2), LocalDate.of(2027, 3, 5), LocalDate.of(2027, 1, 5));
    static final Session S59 = new Session(59, LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 3), LocalDate.of(2028, 1, 4));
    static final List<Session> CALENDAR = List.of(S59, S58);
    static final Period LEAD = Period.ofWeeks(2);

    @Test
    void theNextSessionWithTheDeadlineStillAheadIsChosenAndPreparationScheduledBackFromIt() {
        Schedule schedule = SessionScheduler.schedule(CALENDAR, LocalDate.of(2026, 11, 27), LEAD).orElseThrow();
        assertThat(schedule.session()).isEqualTo(S58);
        assertThat(schedule.preparationDue()).isEqualTo(LocalDate.of(2026, 12, 22));
        assertThat(schedule.missedEarlierSession()).isFalse();
    }

    @Test
    void acrossTheYearBoundaryThePreparationDueDateIsInTheYearBefore() {
        Schedule schedule = SessionScheduler.schedule(CALENDAR, LocalDate.of(2026, 12, 30), LEAD).orElseThrow();
        assertThat(schedule.session()).isEqualTo(S58);
        assertThat(schedule.preparationDue()).isEqualTo(LocalDate.of(2026, 12, 30)); // lead time already started
    }

    @Test
    void onTheDeadlineDayTheSessionIsStillMade() {
        Schedule schedule = SessionScheduler.schedule(CALENDAR, LocalDate.of(2027, 1, 5), LEAD).orElseThrow();
        assertThat(schedule.session()).isEqualTo(S58);
        assertThat(schedule.preparationDue()).isEqualTo(LocalDate.of(2027, 1, 5));
    }

    @Test
    void theDayAfterTheDeadlineTheOutputGoesToTheFollowingSession() {
        Schedule schedule = SessionScheduler.schedule(CALENDAR, LocalDate.of(2027, 1, 6), LEAD).orElseThrow();
        assertThat(schedule.session()).isEqualTo(S59);
        assertThat(schedule.missedEarlierSession()).isTrue();
        assertThat(schedule.preparationDue()).isEqualTo(LocalDate.of(2027, 12, 21));
    }

    @Test
    void withNoSessionLeftInTheCalendarNothingIsScheduled() {
        assertThat(SessionScheduler.schedule(CALENDAR, LocalDate.of(2028, 1, 5), LEAD)).isEmpty();
        assertThat(SessionScheduler.schedule(List.of(), LocalDate.of(2026, 1, 1), LEAD)).isEmpty();
    }
}
