package org.citizendata.collaborative.membership;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.notification.MailKind;
import org.citizendata.collaborative.notification.NotificationSettings;
import org.citizendata.collaborative.notification.Notifications;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of {@code membership-drive} (ToR: members are invited through bi-annual
 * membership drives, following information sessions).
 */
@Configuration
class DriveDelegates {

    static final String PROCESS_KEY = "membership-drive";
    static final String BY_SCHEDULE = "schedule";

    private static final Pattern SESSION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2}:\\d{2})\\s+(https://\\S+)");
    private static final int MAX_SESSIONS = 10;

    private final MembershipRepository repository;
    private final MembershipSettings settings;
    private final Notifications notifications;
    private final NotificationSettings mailSettings;
    private final DirectoryLookup directory;

    DriveDelegates(MembershipRepository repository, MembershipSettings settings, Notifications notifications,
            NotificationSettings mailSettings, DirectoryLookup directory) {
        this.repository = repository;
        this.settings = settings;
        this.notifications = notifications;
        this.mailSettings = mailSettings;
        this.directory = directory;
    }

    /** The schedule's start of a drive (ToR: bi-annual drives); the drive itself skips when one is open. */
    @Bean
    JavaDelegate startScheduledDrive() {
        return execution -> execution.getProcessEngineServices().getRuntimeService()
                .startProcessInstanceByKey(PROCESS_KEY, Map.of("scheduledBy", execution.getProcessInstanceId()));
    }

    /** Opens the drive unless one is open (one drive at a time); the Secretariat is told why not. */
    @Bean
    JavaDelegate openDrive() {
        return execution -> {
            String openedBy = (String) execution.getVariable("openedBy");
            boolean byHand = openedBy != null;
            Duration window = settings.applicationWindow();
            if (byHand) {
                Object weeks = execution.getVariable("applicationWindowWeeks");
                if (!(weeks instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                        || number.intValue() < 1 || number.intValue() > 12) {
                    throw new FormInputException(Map.of("applicationWindowWeeks", "a whole number of weeks from 1 to 12"));
                }
                window = Duration.ofDays(7L * number.intValue());
            }
            Instant now = ClockUtil.getCurrentTime().toInstant();
            Instant closes = now.plus(window);
            String key = repository.insertDrive(byHand ? openedBy : BY_SCHEDULE, now, closes,
                    execution.getProcessInstanceId()).orElse(null);
            if (key == null) {
                MembershipRepository.Drive open = repository.openDrive().orElseThrow();
                if (byHand) {
                    throw new FormInputException("The membership drive " + open.key() + " is open until "
                            + ApplicantMail.WHEN.format(open.windowClosesAt()) + ": one drive at a time.");
                }
                execution.setVariable("driveOpened", false);
                return;
            }
            execution.setProcessBusinessKey(key);
            execution.setVariable("driveKey", key);
            execution.setVariable("driveOpened", true);
            execution.setVariable("windowClosesAt", Date.from(closes));
            execution.setVariable("windowClosesText", ApplicantMail.WHEN.format(closes));
        };
    }

    /** Records the information sessions and announces the drive to the members and the announcement list. */
    @Bean
    JavaDelegate announceDrive() {
        return execution -> {
            String key = (String) execution.getVariable("driveKey");
            List<MembershipRepository.Session> sessions = sessions(FormValues.text(execution, "informationSessions"));
            String note = FormValues.text(execution, "announcementNote");
            if (note.length() > 4000) {
                throw new FormInputException(Map.of("announcementNote", "at most 4000 characters"));
            }
            repository.recordAnnouncement(key, sessions, note.isEmpty() ? null : note);
            MembershipRepository.Drive drive = repository.findDrive(key).orElseThrow();
            List<String> paragraphs = new ArrayList<>();
            paragraphs.add("The UN Collaborative on Citizen Data opens its membership drive " + key + ". Organisations"
                    + " that produce or use citizen data, or support those who do, can apply until "
                    + ApplicantMail.WHEN.format(drive.windowClosesAt()) + " at " + mailSettings.baseUrl() + "/apply");
            paragraphs.add("Open information sessions:");
            sessions.forEach(s -> paragraphs.add("• " + ApplicantMail.WHEN.format(s.startsAt()) + ": " + s.link()));
            if (!note.isEmpty()) {
                paragraphs.add(note);
            }
            paragraphs.add("Please relay this invitation to your networks.");
            Map<String, Object> model = Map.of("paragraphs", paragraphs, "linkUrl", mailSettings.baseUrl() + "/apply",
                    "linkLabel", "Apply for membership");
            String subject = "Membership drive " + key + ": applications open until "
                    + ApplicantMail.WHEN.format(drive.windowClosesAt());
            notifications.sendAll(directory.membersOf(CollaborativeGroups.MEMBERS).stream().map(member -> new Notifications.Message(
                    MailKind.PROCESS_MESSAGE, member, "drive:" + key + ":" + member, subject,
                    "you represent a member of the Collaborative", model)).toList());
            for (String address : settings.announcementList()) {
                notifications.sendToAddress(new Notifications.Message(MailKind.PROCESS_MESSAGE, null,
                        "drive:" + key + ":" + address.toLowerCase(), subject,
                        "your address is on the Collaborative's list for membership drives", model), "colleagues", address);
            }
        };
    }

    /** Closes the drive at the end of its window and writes the summary for the Steering Committee. */
    @Bean
    JavaDelegate closeDrive() {
        return execution -> {
            String key = (String) execution.getVariable("driveKey");
            DriveSummary summary = DriveSummary.of(repository.applicationsOf(key));
            String text = summary.text(key, ApplicantMail.WHEN.format(repository.findDrive(key).orElseThrow().openedAt()),
                    ApplicantMail.WHEN.format(ClockUtil.getCurrentTime().toInstant()));
            repository.closeDrive(key, ClockUtil.getCurrentTime().toInstant(), text);
            execution.setVariable("driveSummary", text);
        };
    }

    /** One session a line: {@code 2027-01-22 14:00 https://…}, in UTC, ahead of now and within a year. */
    static List<MembershipRepository.Session> sessions(String text) {
        List<MembershipRepository.Session> sessions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher matcher = SESSION.matcher(line);
            if (!matcher.matches() || matcher.group(3).length() > 500) {
                problems.add("line " + (i + 1) + " is not \"YYYY-MM-DD HH:MM https://link\"");
                continue;
            }
            Instant startsAt;
            try {
                startsAt = LocalDateTime.parse(matcher.group(1) + " " + (matcher.group(2).length() == 4 ? "0" : "")
                        + matcher.group(2), DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                problems.add("line " + (i + 1) + " has no such date or time");
                continue;
            }
            if (!startsAt.isAfter(now) || startsAt.isAfter(now.plus(Duration.ofDays(366)))) {
                problems.add("line " + (i + 1) + " is not within the coming year");
                continue;
            }
            sessions.add(new MembershipRepository.Session(startsAt, matcher.group(3)));
        }
        if (problems.isEmpty() && sessions.isEmpty()) {
            problems.add("schedule at least one open information session (ToR: drives follow information sessions)");
        }
        if (sessions.size() > MAX_SESSIONS) {
            problems.add("at most " + MAX_SESSIONS + " sessions");
        }
        if (!problems.isEmpty()) {
            throw new FormInputException(Map.of("informationSessions", String.join("; ", problems)));
        }
        return sessions;
    }
}
