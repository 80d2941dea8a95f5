package org.citizendata.collaborative.review;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import org.citizendata.collaborative.platform.StartupOrder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's session calendar: the Commission's next two sessions, each opening on the first
 * Tuesday of March (domain.md: one session a year, February–March), the 58th in 2027.
 */
@Component
@Profile("demo")
class DemoCommissionSessions {

    private final CommissionCalendar calendar;

    DemoCommissionSessions(CommissionCalendar calendar) {
        this.calendar = calendar;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DEMO_DATA + 5)
    void addNextTwoSessions() {
        if (!calendar.sessions().isEmpty()) {
            return;
        }
        int year = LocalDate.now(ZoneOffset.UTC).getYear() + 1;
        for (int y = year; y < year + 2; y++) {
            LocalDate opens = LocalDate.of(y, 3, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.TUESDAY));
            calendar.add(y - 1969, opens, opens.plusDays(3), null);
        }
    }
}
