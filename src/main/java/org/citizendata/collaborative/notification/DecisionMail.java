package org.citizendata.collaborative.notification;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citizendata.collaborative.decision.DecisionTaken;
import org.citizendata.collaborative.decision.Outcome;
import org.citizendata.collaborative.decision.VoteReminderDue;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.directory.Organisation;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The Steering Committee's mail: vote reminders to organisations that have not voted, and outcomes. */
@Component
class DecisionMail {

    private final Notifications notifications;
    private final DirectoryLookup directory;
    private final NotificationSettings settings;

    DecisionMail(Notifications notifications, DirectoryLookup directory, NotificationSettings settings) {
        this.notifications = notifications;
        this.directory = directory;
        this.settings = settings;
    }

    @EventListener
    public void remindVoters(VoteReminderDue due) {
        Map<String, Object> model = Map.of("title", due.title(), "closesAt", TaskMail.format(Date.from(due.closesAt())),
                "tasklistUrl", settings.baseUrl() + "/camunda/app/tasklist/default/");
        List<Notifications.Message> reminders = new ArrayList<>();
        Map<String, DirectoryLookup.GroupMembers> groups = directory.groups(due.organisationIds().stream()
                .map(Organisation::groupIdOf).toList());
        for (String organisation : due.organisationIds()) {
            DirectoryLookup.GroupMembers group = groups.get(Organisation.groupIdOf(organisation));
            if (group == null) {
                continue; // no such organisation's group: nobody to remind
            }
            String why = "you represent " + (group.name() == null ? organisation : group.name()) + " on the Steering Committee";
            for (String userId : group.members()) {
                reminders.add(new Notifications.Message(MailKind.VOTE_REMINDER, userId,
                        "vote-reminder:" + due.ballotId() + ":" + due.closesAt().toEpochMilli() + ":"
                                + LocalDate.now(ZoneOffset.UTC) + ":" + userId,
                        "Your organisation has not voted yet: " + due.title(), why, model));
            }
        }
        notifications.sendAll(reminders);
    }

    @EventListener
    public void announceOutcome(DecisionTaken decision) {
        Map<String, String> people = new LinkedHashMap<>();
        directory.membersOf(CollaborativeGroups.STEERING_COMMITTEE)
                .forEach(user -> people.put(user, "you represent an organisation of the Steering Committee"));
        if (decision.proposingOrganisationId() != null) {
            directory.membersOf(Organisation.groupIdOf(decision.proposingOrganisationId()))
                    .forEach(user -> people.putIfAbsent(user, "your organisation put the item to the Steering Committee"));
        }
        Map<String, Object> model = Map.of("title", decision.title(), "outcomeLabel", label(decision.outcome()),
                "tally", decision.tally());
        notifications.sendAll(people.entrySet().stream().map(person -> new Notifications.Message(MailKind.DECISION_OUTCOME,
                person.getKey(), "decision-outcome:" + decision.ballotId() + ":" + person.getKey(),
                "Steering Committee decision: " + label(decision.outcome()) + " — " + decision.title(), person.getValue(),
                model)).toList());
    }

    private static String label(Outcome outcome) {
        return switch (outcome) {
            case APPROVED -> "Approved";
            case REJECTED -> "Not approved";
            case NO_QUORUM -> "No decision (no quorum)";
            case DEFERRED -> "Deferred to the next Steering Committee meeting";
        };
    }
}
