package org.citizendata.collaborative.membership;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citizendata.collaborative.notification.MailKind;
import org.citizendata.collaborative.notification.NotificationSettings;
import org.citizendata.collaborative.notification.Notifications;
import org.springframework.stereotype.Component;

/** The mails of the membership path: to applicants (no account yet) and to new members. */
@Component
class ApplicantMail {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** ToR, "Members": what the Collaborative expects of its members. */
    static final List<String> COMMITMENTS = List.of(
            "Commit to and deliver on the collaborative effort and dedicate the necessary time and resources to help"
                    + " achieve the objectives of the Collaborative.",
            "Participate actively and contribute your skills, knowledge and ideas to the Collaborative's activities and"
                    + " discussions.",
            "Take responsibility for your roles and tasks within the Collaborative within agreed timelines, maintaining"
                    + " a high standard of work.",
            "Share information, knowledge, lessons learned and resources.",
            "Where you represent communities, consult with those you represent within your networks.");

    private final Notifications notifications;
    private final NotificationSettings mailSettings;

    ApplicantMail(Notifications notifications, NotificationSettings mailSettings) {
        this.notifications = notifications;
        this.mailSettings = mailSettings;
    }

    void received(MembershipRepository.Application application, String driveKey) {
        toApplicant(application, "received", "We received your application (" + application.reference() + ")",
                List.of("Thank you for applying to join the UN Collaborative on Citizen Data on behalf of "
                                + application.organisationName() + ".",
                        "Your reference number is " + application.reference() + ". Please quote it when you write to the"
                                + " Secretariat.",
                        driveKey == null
                                ? "No membership drive is open at the moment: the Secretariat considers your application"
                                        + " off-cycle and will write to you when it has been screened."
                                : "Your application is part of the membership drive " + driveKey
                                        + ". The Secretariat screens every application and will write to you."),
                null, null);
    }

    void informationRequested(MembershipRepository.Application application, String question, String token, Instant expires) {
        toApplicant(application, "information:" + token.substring(0, 12),
                "More information needed for your application " + application.reference(),
                List.of("The Secretariat of the UN Collaborative on Citizen Data is screening your application on behalf"
                                + " of " + application.organisationName() + " and asks:",
                        question,
                        "Answer through the link below. It works once and until " + WHEN.format(expires) + "."),
                mailSettings.baseUrl() + "/apply/information/" + token, "Answer the Secretariat");
    }

    void declined(MembershipRepository.Application application, String reason) {
        toApplicant(application, "declined", "Your application " + application.reference(),
                List.of("Thank you for your interest in the UN Collaborative on Citizen Data. After screening the"
                                + " application of " + application.organisationName() + ", the Secretariat cannot admit"
                                + " it as a member at this time.",
                        reason,
                        "You are welcome to follow the Collaborative's open information sessions, and to apply again."),
                null, null);
    }

    void welcome(String userId, String organisationName, String token, Instant expires) {
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(organisationName + " is now a member of the UN Collaborative on Citizen Data, and you are its"
                + " representative. Welcome.");
        paragraphs.add("Your user name is " + userId + ". Choose your password through the link below; it works once"
                + " and until " + WHEN.format(expires) + ". Then log in to Tasklist, where the Collaborative's work"
                + " waits for your organisation: " + mailSettings.baseUrl() + "/camunda/app/tasklist/");
        paragraphs.add("As a member, the Terms of Reference ask you to:");
        COMMITMENTS.forEach(c -> paragraphs.add("• " + c));
        notifications.send(new Notifications.Message(MailKind.PROCESS_MESSAGE, userId, "welcome:" + userId + ":"
                + token.substring(0, 12), "Welcome to the UN Collaborative on Citizen Data",
                "your organisation was admitted as a member",
                Map.of("paragraphs", paragraphs, "linkUrl", mailSettings.baseUrl() + "/account/password/" + token,
                        "linkLabel", "Choose your password")));
    }

    void passwordLink(String userId, String token, Instant expires) {
        notifications.send(new Notifications.Message(MailKind.PROCESS_MESSAGE, userId, "password-link:" + userId + ":"
                + token.substring(0, 12), "Choose your password for the UN Collaborative on Citizen Data",
                "the Secretariat sent you a new link to choose your password",
                Map.of("paragraphs", List.of("Your user name is " + userId + ". Choose your password through the link"
                                + " below; it works once and until " + WHEN.format(expires) + ". Earlier links no longer work."),
                        "linkUrl", mailSettings.baseUrl() + "/account/password/" + token, "linkLabel", "Choose your password")));
    }

    private void toApplicant(MembershipRepository.Application application, String cause, String subject,
            List<String> paragraphs, String linkUrl, String linkLabel) {
        Map<String, Object> model = linkUrl == null ? Map.of("paragraphs", paragraphs)
                : Map.of("paragraphs", paragraphs, "linkUrl", linkUrl, "linkLabel", linkLabel);
        notifications.sendToAddress(new Notifications.Message(MailKind.PROCESS_MESSAGE, null,
                "application:" + application.reference() + ":" + cause, subject,
                "you applied for membership of the UN Collaborative on Citizen Data", model),
                application.contactName(), application.contactEmail());
    }
}
