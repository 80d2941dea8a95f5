package org.citizendata.collaborative.workstream;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.Directory;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.notification.MailKind;
import org.citizendata.collaborative.notification.Notifications;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormTextLimit;
import org.citizendata.collaborative.platform.FormValues;
import org.citizendata.collaborative.platform.SystemActions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of an approved workstream's life ({@code workstream}) and of its establishment. */
@Configuration
class WorkstreamDelegates {

    static final String PROCESS_KEY = "workstream";

    private final WorkstreamRepository workstreams;
    private final Directory directory;
    private final DirectoryLookup lookup;
    private final Notifications notifications;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final SystemActions systemActions;
    private final int reportingMonths;

    WorkstreamDelegates(WorkstreamRepository workstreams, Directory directory, DirectoryLookup lookup,
            Notifications notifications, RuntimeService runtimeService, IdentityService identityService,
            SystemActions systemActions, @Value("${collaborative.workstream.reporting-period-months}") int reportingMonths) {
        this.workstreams = workstreams;
        this.directory = directory;
        this.lookup = lookup;
        this.notifications = notifications;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.systemActions = systemActions;
        this.reportingMonths = reportingMonths;
    }

    /** Approved: the workstream record, its leads' group, the invitations, and its life begins. */
    @Bean
    JavaDelegate establishWorkstream() {
        return execution -> {
            String key = (String) execution.getVariable("proposalKey");
            WorkstreamRepository.Proposal proposal = workstreams.findProposal(key).orElseThrow();
            LocalDate start = today();
            LocalDate plannedEnd = start.plusMonths(proposal.durationMonths());
            workstreams.insertWorkstream(key, proposal.title(), start, plannedEnd, reportingMonths);
            String group = systemActions.withoutAuthorization(
                    () -> directory.createWorkstreamGroup(key, proposal.title(), proposal.leads()));
            List<ProposalForm.ResourcePerson> persons = workstreams.resourcePersons(key);
            for (ProposalForm.ResourcePerson person : persons) {
                notifications.sendToAddress(new Notifications.Message(MailKind.PROCESS_MESSAGE, null,
                        "invitation:" + key + ":" + person.email().toLowerCase(),
                        "Invitation to the workstream \"" + proposal.title() + "\"",
                        "the leads of the workstream " + key + " invite you as a resource person",
                        Map.of("paragraphs", List.of("The Steering Committee of the UN Collaborative on Citizen Data has"
                                        + " approved the workstream \"" + proposal.title() + "\", led by "
                                        + String.join(", ", proposal.leads()) + ".",
                                        "Its leads invite you to contribute as a resource person"
                                                + (person.expertise() == null ? "" : " for your expertise in " + person.expertise())
                                                + ". Please answer the leads by e-mail."),
                                "linkUrl", "", "linkLabel", "")), person.name(), person.email());
            }
            workstreams.markInvited(key);
            Map<String, Object> life = new HashMap<>();
            life.put("workstreamKey", key);
            life.put("title", proposal.title());
            life.put("leadGroup", group);
            life.put("leadOrganisation", proposal.proposerOrganisationId());
            life.put("plannedEnd", date(plannedEnd));
            life.put("nextReportDue", date(start.plusMonths(reportingMonths)));
            life.put("hasResourcePersons", !persons.isEmpty());
            life.put("resourcePersonList", String.join("\n", persons.stream()
                    .map(p -> "- " + p.name() + " <" + p.email() + ">").toList()));
            systemActions.withoutAuthorization(
                    () -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, key, life));
        };
    }

    /** The lead records which invited resource persons accepted (by their e-mail addresses). */
    @Bean
    JavaDelegate recordInvitationAnswers() {
        return execution -> {
            String key = (String) execution.getVariable("workstreamKey");
            List<String> invited = workstreams.resourcePersons(key).stream().map(p -> p.email().toLowerCase()).toList();
            Object answer = execution.getVariable("acceptedEmails");
            List<String> accepted = answer == null ? List.of() : Arrays.stream(answer.toString().split("[,;\\s]+"))
                    .map(String::strip).filter(s -> !s.isEmpty()).map(String::toLowerCase).distinct().toList();
            List<String> unknown = accepted.stream().filter(e -> !invited.contains(e)).toList();
            if (!unknown.isEmpty()) {
                throw new FormInputException(Map.of("acceptedEmails", "not invited to this workstream: "
                        + String.join(", ", unknown.stream().limit(5).toList())));
            }
            workstreams.setAnswers(key, accepted);
        };
    }

    /** A report of the period (ToR: workstreams report back regularly). */
    @Bean
    JavaDelegate recordReport() {
        return execution -> {
            String progress = FormValues.text(execution, "progress");
            if (progress.isEmpty() || progress.length() > FormTextLimit.MAX_CHARACTERS) {
                throw new FormInputException(Map.of("progress", "describe the progress of the period (up to "
                        + FormTextLimit.MAX_CHARACTERS + " characters)"));
            }
            LocalDate due = local((Date) execution.getVariable("nextReportDue"));
            String id = workstreams.insertReport((String) execution.getVariable("workstreamKey"), due, progress, currentUser());
            execution.setVariable("lastReportId", id);
            execution.setVariable("lastReport", progress);
        };
    }

    /** The Secretariat acknowledges the report or raises it to the Steering Committee. */
    @Bean
    JavaDelegate recordReportReview() {
        return execution -> {
            String review = FormValues.choice(execution, "reportReview", Set.of("acknowledge", "raise"),
                    "acknowledge the report or raise it to the Steering Committee");
            String note = FormValues.text(execution, "reviewNote");
            if ("raise".equals(review)) {
                ProposalDelegates.requireComments(note, "reviewNote", "say what the Steering Committee should look at");
            }
            String key = (String) execution.getVariable("workstreamKey");
            workstreams.reviewReport((String) execution.getVariable("lastReportId"),
                    "raise".equals(review) ? "RAISED" : "ACKNOWLEDGED", note.isEmpty() ? null : note);
            if ("raise".equals(review)) {
                String title = (String) execution.getVariable("title");
                Map<String, Object> model = Map.of("paragraphs", List.of("The Secretariat raises the latest report of the"
                        + " workstream \"" + title + "\" (" + key + ") to the Steering Committee:", note,
                        "The report: " + execution.getVariable("lastReport")), "linkUrl", "", "linkLabel", "");
                notifications.sendAll(lookup.membersOf(CollaborativeGroups.STEERING_COMMITTEE).stream()
                        .map(member -> new Notifications.Message(MailKind.PROCESS_MESSAGE, member,
                                "report-raised:" + execution.getVariable("lastReportId") + ":" + member,
                                "Workstream report raised to the Steering Committee: " + title,
                                "the Secretariat raised a workstream's report to the Steering Committee", model)).toList());
            }
            LocalDate due = local((Date) execution.getVariable("nextReportDue"));
            execution.setVariable("nextReportDue", date(due.plusMonths(reportingMonths)));
        };
    }

    /** At the end of the expected duration: close with a final report, or ask for an extension. */
    @Bean
    JavaDelegate recordClosureChoice() {
        return execution -> {
            String choice = FormValues.choice(execution, "closureChoice", Set.of("close", "extend"),
                    "close the workstream or ask for an extension");
            String key = (String) execution.getVariable("workstreamKey");
            if ("close".equals(choice)) {
                String report = FormValues.text(execution, "finalReport");
                if (report.isEmpty() || report.length() > FormTextLimit.MAX_CHARACTERS) {
                    throw new FormInputException(Map.of("finalReport", "the final report is required (up to "
                            + FormTextLimit.MAX_CHARACTERS + " characters)"));
                }
                return;
            }
            LocalDate current = local((Date) execution.getVariable("plannedEnd"));
            LocalDate requested;
            try {
                requested = LocalDate.parse(FormValues.text(execution, "newEnd"));
            } catch (DateTimeParseException e) {
                throw new FormInputException(Map.of("newEnd", "the new end date, as YYYY-MM-DD"));
            }
            if (!requested.isAfter(current) || requested.isAfter(current.plusMonths(36))) {
                throw new FormInputException(Map.of("newEnd", "a date after " + current + " and at most 36 months later"));
            }
            String reason = FormValues.text(execution, "extensionReason");
            ProposalDelegates.requireComments(reason, "extensionReason", "give the reason for the extension");
            execution.setVariable("requestedEnd", date(requested));
            execution.setVariable("ballotTitle", "Extend the workstream \"" + execution.getVariable("title") + "\" to " + requested);
            execution.setVariable("extensionSummary", "The leads of " + key + " ask to extend it from " + current + " to "
                    + requested + ".\n\nReason: " + reason);
        };
    }

    @Bean
    JavaDelegate applyExtensionDecision() {
        return execution -> {
            if ("APPROVED".equals(execution.getVariable("decisionOutcome"))) {
                Date requested = (Date) execution.getVariable("requestedEnd");
                workstreams.extend((String) execution.getVariable("workstreamKey"), local(requested));
                execution.setVariable("plannedEnd", requested);
            }
        };
    }

    @Bean
    JavaDelegate closeWorkstream() {
        return execution -> workstreams.close((String) execution.getVariable("workstreamKey"),
                FormValues.text(execution, "finalReport"));
    }

    private String currentUser() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? "system" : authentication.getUserId();
    }

    static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    static Date date(LocalDate day) {
        return Date.from(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    static LocalDate local(Date date) {
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
