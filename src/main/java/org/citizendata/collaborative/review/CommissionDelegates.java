package org.citizendata.collaborative.review;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.notification.MailKind;
import org.citizendata.collaborative.notification.Notifications;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormValues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * From the Steering Committee's approval to the Statistical Commission (ToR: outputs are approved
 * by the Steering Committee and submitted to the Commission for approval or for information).
 */
@Configuration
class CommissionDelegates {

    static final Set<String> TRACKS = Set.of("FOR_DECISION", "FOR_INFORMATION");

    private final JdbcTemplate jdbc;
    private final CommissionCalendar calendar;
    private final OutputDelegates outputDelegates;
    private final DirectoryLookup directory;
    private final Notifications notifications;
    private final Duration reviewPeriod;
    private final Period preparationLead;

    CommissionDelegates(JdbcTemplate jdbc, CommissionCalendar calendar, OutputDelegates outputDelegates,
            DirectoryLookup directory, Notifications notifications,
            @Value("${collaborative.review.period}") Duration reviewPeriod,
            @Value("${collaborative.commission.preparation-lead}") Period preparationLead) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.outputDelegates = outputDelegates;
        this.directory = directory;
        this.notifications = notifications;
        this.reviewPeriod = reviewPeriod;
        this.preparationLead = preparationLead;
    }

    @Bean
    JavaDelegate recordOutputDecision() {
        return execution -> {
            boolean approved = "APPROVED".equals(execution.getVariable("decisionOutcome"));
            status(execution, approved ? "APPROVED" : "REJECTED");
            execution.setVariable("approved", approved);
        };
    }

    /** The leads revise the output (new link, summary) and choose whether the members review it again. */
    @Bean
    JavaDelegate recordOutputRevision() {
        return execution -> {
            String url = FormValues.text(execution, "documentUrl");
            String summary = FormValues.text(execution, "summary");
            if (!url.matches("^https?://[^\\s<>\"]{3,1990}$")) {
                throw new FormInputException(Map.of("documentUrl", "the link to the revised document, starting with https://"));
            }
            if (summary.isEmpty() || summary.length() > 4000) {
                throw new FormInputException(Map.of("summary", "a summary of up to 4000 characters"));
            }
            boolean anotherRound = Boolean.TRUE.equals(execution.getVariable("anotherRound"));
            String key = key(execution);
            jdbc.update("update output set document_url = ?, summary = ? where output_key = ?", url, summary, key);
            if (anotherRound) {
                int round = (Integer) execution.getVariable("round") + 1;
                Date deadline = Date.from(ClockUtil.getCurrentTime().toInstant().plus(reviewPeriod));
                jdbc.update("update output set review_round = ?, review_deadline = ?, status = 'IN_REVIEW'"
                        + " where output_key = ?", round, deadline, key);
                execution.setVariable("round", round);
                execution.setVariable("reviewDeadline", deadline);
                execution.setVariable("reviewers", outputDelegates.reviewersOf((String) execution.getVariable("reviewCategoryList")));
            } else {
                status(execution, "DISPOSED");
            }
        };
    }

    /** The Secretariat confirms the rule's track or overrides it, with a reason. */
    @Bean
    JavaDelegate recordTrack() {
        return execution -> {
            String track = FormValues.text(execution, "track");
            if (!TRACKS.contains(track)) {
                throw new FormInputException(Map.of("track", "for decision or for information"));
            }
            String reason = FormValues.text(execution, "overrideReason");
            boolean overridden = !track.equals(execution.getVariable("proposedTrack"));
            if (overridden && reason.isEmpty()) {
                throw new FormInputException(Map.of("overrideReason", "say why the track differs from the rule's "
                        + execution.getVariable("proposedTrack")));
            }
            jdbc.update("update output set track = ?, track_override_reason = ? where output_key = ?", track,
                    overridden ? reason : null, key(execution));
        };
    }

    /** The next session the output can still make; a missed deadline moves it on, and the leads are told. */
    @Bean
    JavaDelegate scheduleSubmission() {
        return execution -> {
            LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            var schedule = SessionScheduler.schedule(calendar.sessions(), today, preparationLead);
            execution.setVariable("sessionFound", schedule.isPresent());
            if (schedule.isEmpty()) {
                return;
            }
            SessionScheduler.Session session = schedule.get().session();
            jdbc.update("update output set session_number = ?, status = 'SCHEDULED' where output_key = ?",
                    session.number(), key(execution));
            execution.setVariable("sessionNumber", session.number());
            execution.setVariable("preparationDue", at(schedule.get().preparationDue(), 17));
            execution.setVariable("documentDeadline", at(session.documentDeadline(), 17));
            execution.setVariable("sessionEnd", at(session.closesOn().plusDays(1), 9));
            if (schedule.get().missedEarlierSession()) {
                tellLeads(execution, "\"" + execution.getVariable("title") + "\" goes to the " + session.number()
                        + "th session of the Statistical Commission",
                        "The document deadline of the Commission's next session has passed, so the output \""
                                + execution.getVariable("title") + "\" goes to its " + session.number() + "th session,"
                                + " opening on " + session.opensOn() + " (documents due " + session.documentDeadline() + ").");
            }
        };
    }

    /** The Secretariat adds a session to the calendar (domain.md: documents due 8 weeks before it opens). */
    @Bean
    JavaDelegate recordSession() {
        return execution -> {
            try {
                LocalDate opens = LocalDate.parse(FormValues.text(execution, "opensOn"));
                LocalDate closes = LocalDate.parse(FormValues.text(execution, "closesOn"));
                String deadline = FormValues.text(execution, "documentDeadline");
                calendar.add(Integer.parseInt(FormValues.text(execution, "sessionNumber")), opens, closes,
                        deadline.isEmpty() ? null : LocalDate.parse(deadline));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new FormInputException(Map.of("opensOn", "session number, and dates as YYYY-MM-DD"));
            }
        };
    }

    @Bean
    JavaDelegate recordSubmission() {
        return execution -> {
            String symbol = FormValues.text(execution, "documentSymbol");
            if (symbol.isEmpty() || symbol.length() > 64) {
                throw new FormInputException(Map.of("documentSymbol", "the Commission's document symbol, e.g. E/CN.3/2027/12"));
            }
            status(execution, "SUBMITTED");
        };
    }

    /** Adopted, noted, or returned with requests; the leads and the members are told. */
    @Bean
    JavaDelegate applyCommissionOutcome() {
        return execution -> {
            String outcome = FormValues.text(execution, "commissionOutcome");
            String requests = FormValues.text(execution, "commissionRequests");
            if (!Set.of("ADOPTED", "NOTED", "RETURNED").contains(outcome)) {
                throw new FormInputException(Map.of("commissionOutcome", "adopted, noted, or returned with requests"));
            }
            if ("RETURNED".equals(outcome) && requests.isEmpty()) {
                throw new FormInputException(Map.of("commissionRequests", "the Commission's requests"));
            }
            jdbc.update("update output set status = ?, commission_outcome = ?, commission_requests = ? where output_key = ?",
                    outcome, outcome, requests.isEmpty() ? null : requests, key(execution));
            execution.setVariable("returned", "RETURNED".equals(outcome));
            String title = (String) execution.getVariable("title");
            String sentence = "The Statistical Commission " + switch (outcome) {
                case "ADOPTED" -> "adopted";
                case "NOTED" -> "took note of";
                default -> "returned, with requests,";
            } + " the output \"" + title + "\" at its " + execution.getVariable("sessionNumber") + "th session.";
            List<String> paragraphs = requests.isEmpty() ? List.of(sentence) : List.of(sentence, "Requests: " + requests);
            Map<String, Object> model = Map.of("paragraphs", paragraphs, "linkUrl", "", "linkLabel", "");
            notifications.sendAll(directory.membersOf(CollaborativeGroups.MEMBERS).stream().map(member -> new Notifications.Message(
                    MailKind.PROCESS_MESSAGE, member,
                    "commission-outcome:" + key(execution) + ":" + execution.getVariable("sessionNumber") + ":" + member,
                    "Statistical Commission: " + title, "you are a member of the Collaborative, whose outputs go to the Commission",
                    model)).toList());
        };
    }

    private void tellLeads(DelegateExecution execution, String subject, String text) {
        Map<String, Object> model = Map.of("paragraphs", List.of(text), "linkUrl", "", "linkLabel", "");
        notifications.sendAll(directory.membersOf("workstream-" + execution.getVariable("workstreamKey")).stream()
                .map(lead -> new Notifications.Message(MailKind.PROCESS_MESSAGE, lead,
                        "session-moved:" + key(execution) + ":" + execution.getVariable("sessionNumber") + ":" + lead, subject,
                        "you lead the workstream of this output", model)).toList());
    }

    private void status(DelegateExecution execution, String status) {
        jdbc.update("update output set status = ? where output_key = ?", status, key(execution));
    }

    private static Date at(LocalDate day, int hourUtc) {
        return Date.from(day.atTime(hourUtc, 0).toInstant(ZoneOffset.UTC));
    }

    private static String key(DelegateExecution execution) {
        return (String) execution.getVariable("outputKey");
    }
}
