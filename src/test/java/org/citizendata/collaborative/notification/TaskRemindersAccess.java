package org.citizendata.collaborative.notification;

import org.springframework.stereotype.Component;

/** Lets tests of other capabilities run the hourly reminder scan at once. */
@Component
public class TaskRemindersAccess {

    private final TaskReminders reminders;

    TaskRemindersAccess(TaskReminders reminders) {
        this.reminders = reminders;
    }

    public int remindAndEscalate() {
        return reminders.remindAndEscalate();
    }
}
