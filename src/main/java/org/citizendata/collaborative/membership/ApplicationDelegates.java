package org.citizendata.collaborative.membership;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.citizendata.collaborative.directory.Directory;
import org.citizendata.collaborative.directory.Organisation;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.directory.StakeholderCategory;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormValues;
import org.citizendata.collaborative.platform.Secrets;
import org.citizendata.collaborative.platform.SystemActions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of {@code membership-application}: screening by the Secretariat, then admission or not. */
@Configuration
class ApplicationDelegates {

    private final MembershipRepository repository;
    private final OrganisationRepository organisations;
    private final Directory directory;
    private final IdentityService identityService;
    private final SystemActions systemActions;
    private final OneTimeLinks links;
    private final ApplicantMail mail;
    private final MembershipSettings settings;

    ApplicationDelegates(MembershipRepository repository, OrganisationRepository organisations, Directory directory,
            IdentityService identityService, SystemActions systemActions, OneTimeLinks links, ApplicantMail mail,
            MembershipSettings settings) {
        this.repository = repository;
        this.organisations = organisations;
        this.directory = directory;
        this.identityService = identityService;
        this.systemActions = systemActions;
        this.links = links;
        this.mail = mail;
        this.settings = settings;
    }

    /** Keeps the eligibility rule's verdict (DMN {@code membership-eligibility}) with the application. */
    @Bean
    JavaDelegate recordEligibility() {
        return execution -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> check = (Map<String, Object>) execution.getVariable("eligibilityCheck");
            String eligibility = (String) check.get("eligibility");
            String reason = (String) check.get("reason");
            repository.recordEligibility(reference(execution), eligibility, reason);
            execution.setVariable("eligibility", eligibility);
            execution.setVariable("eligibilityReason", reason);
            execution.removeVariable("eligibilityCheck");
        };
    }

    /** Flags a member or another application with the same web domain or a name that reads the same. */
    @Bean
    JavaDelegate flagDuplicates() {
        return execution -> {
            MembershipRepository.Application application = application(execution);
            String name = MembershipRepository.comparable(application.organisationName());
            List<String> notes = new ArrayList<>();
            for (Organisation member : organisations.findAll()) {
                String memberDomain = member.website() == null ? null : ApplicationForm.domainOf(member.website());
                if (application.webDomain().equals(memberDomain)) {
                    notes.add("The member " + member.shortName() + " has the same web domain (" + memberDomain + ").");
                } else if (MembershipRepository.comparable(member.name()).equals(name)
                        || MembershipRepository.comparable(member.shortName()).equals(name)) {
                    notes.add("The member " + member.shortName() + " has the same name.");
                }
            }
            for (MembershipRepository.Application other : repository.similarApplications(application.reference(),
                    application.webDomain(), name)) {
                notes.add("The application " + other.reference() + " (" + other.organisationName() + ", "
                        + other.status().toLowerCase(Locale.ROOT).replace('_', ' ') + ") has the same "
                        + (other.webDomain().equals(application.webDomain()) ? "web domain." : "name."));
            }
            String note = notes.isEmpty() ? null : String.join(" ", notes);
            repository.recordDuplicates(application.reference(), note);
            execution.setVariable("duplicateNote", note == null ? "No possible duplicate found." : "Possible duplicate: " + note);
        };
    }

    /** What the Secretariat reads in the screening form, as plain text (the applicant wrote it). */
    @Bean
    JavaDelegate describeApplication() {
        return execution -> {
            MembershipRepository.Application a = application(execution);
            StringBuilder text = new StringBuilder();
            text.append(a.organisationName()).append('\n')
                    .append(ApplyController.CATEGORIES.get(a.category())).append(", ").append(a.country()).append('\n')
                    .append(a.website()).append("\n\n")
                    .append("Contact: ").append(a.contactName()).append(" <").append(a.contactEmail()).append(">\n")
                    .append(a.driveKey() == null ? "Off-cycle application" : "Membership drive " + a.driveKey())
                    .append(", received ").append(ApplicantMail.WHEN.format(a.submittedAt())).append("\n\n")
                    .append("Works with citizen data: ").append(ApplyController.ENGAGEMENTS.get(a.engagement())).append("\n\n")
                    .append("Why they want to join:\n").append(a.motivation()).append("\n\n")
                    .append("How they will contribute:\n").append(a.contribution()).append("\n\n")
                    .append("Communities represented:\n").append(a.communities());
            for (MembershipRepository.Exchange exchange : repository.exchanges(a.reference())) {
                text.append("\n\nThe Secretariat asked (").append(ApplicantMail.WHEN.format(exchange.askedAt())).append("):\n")
                        .append(exchange.question()).append("\n\n")
                        .append(exchange.answer() == null ? "No answer came before the link expired."
                                : "The applicant answered (" + ApplicantMail.WHEN.format(exchange.answeredAt()) + "):\n"
                                        + exchange.answer());
            }
            execution.setVariable("applicationSummary", text.toString());
            // A new screening starts with an empty form, not with the last decision and question.
            execution.removeVariable("screening");
            execution.removeVariable("screeningNote");
        };
    }

    /** The Secretariat admits, declines (saying why) or asks the applicant for more information. */
    @Bean
    JavaDelegate recordScreening() {
        return execution -> {
            String decision = FormValues.choice(execution, "screening", Set.of("admit", "decline", "ask"),
                    "admit the applicant, decline, or ask for more information");
            String note = FormValues.text(execution, "screeningNote");
            if (note.length() > 4000) {
                throw new FormInputException(Map.of("screeningNote", "at most 4000 characters"));
            }
            MembershipRepository.Application application = application(execution);
            Instant now = ClockUtil.getCurrentTime().toInstant();
            switch (decision) {
                case "ask" -> {
                    require(note, "write the question the applicant should answer");
                    repository.ask(application.reference(), note, currentUser(), now);
                    repository.setStatus(application.reference(), "INFORMATION_REQUESTED");
                }
                case "decline" -> {
                    require(note, "say why: the applicant reads it");
                    repository.recordDecision(application.reference(), "DECLINED", note, currentUser(), now);
                }
                default -> {
                    if (!"ELIGIBLE".equals(application.eligibility()) && note.isEmpty()) {
                        throw new FormInputException(Map.of("screeningNote", "the eligibility rule found this application "
                                + application.eligibility() + ": say why you admit it"));
                    }
                    repository.recordDecision(application.reference(), "ADMITTED", note.isEmpty() ? null : note,
                            currentUser(), now);
                }
            }
        };
    }

    /** Mails the applicant the Secretariat's question with a one-time link that expires. */
    @Bean
    JavaDelegate requestInformation() {
        return execution -> {
            MembershipRepository.Application application = application(execution);
            String token = links.issue(OneTimeLinks.Purpose.INFORMATION, application.reference(),
                    settings.informationLinkValidity());
            Instant expires = ClockUtil.getCurrentTime().toInstant().plus(settings.informationLinkValidity());
            mail.informationRequested(application, repository.openQuestion(application.reference()).orElseThrow().question(),
                    token, expires);
            execution.setVariable("informationDeadline", Date.from(expires));
        };
    }

    /** The link expired unanswered: the application goes back to screening without an answer. */
    @Bean
    JavaDelegate recordNoAnswer() {
        return execution -> {
            repository.closeUnanswered(reference(execution), ClockUtil.getCurrentTime().toInstant());
            repository.setStatus(reference(execution), "SCREENING");
        };
    }

    /** Creates the organisation, the contact's account and its group memberships. */
    @Bean
    JavaDelegate admitMember() {
        return execution -> {
            MembershipRepository.Application a = application(execution);
            String organisationId = unique(slug(a.webDomain().split("\\.")[0], 24),
                    id -> organisations.findById(id).isPresent());
            String shortName = unique(a.organisationName().length() <= 60 ? a.organisationName()
                    : organisationId.toUpperCase(Locale.ROOT), name -> organisations.findAll().stream()
                    .anyMatch(o -> o.shortName().equalsIgnoreCase(name)));
            String[] names = a.contactName().split("\\s+", 2);
            String userId = unique(slug(names[0], 20) + "." + organisationId,
                    id -> identityService.createUserQuery().userId(id).count() > 0);
            Organisation organisation = new Organisation(organisationId, shortName, a.organisationName(),
                    StakeholderCategory.valueOf(a.category()), a.country(), a.website(), false);
            systemActions.withoutAuthorization(() -> {
                directory.addOrganisation(organisation);
                // No one knows this password: the new member chooses their own through the welcome link.
                directory.addRepresentative(organisationId, new Directory.Person(userId, names[0],
                        names.length > 1 ? names[1] : "", a.contactEmail()), Secrets.token());
                return null;
            });
            repository.recordAdmission(a.reference(), organisationId, userId);
            execution.setVariable("memberUserId", userId);
            execution.setVariable("memberOrganisation", organisationId);
        };
    }

    /** The welcome mail: the member's commitments (ToR) and a one-time link to choose a password. */
    @Bean
    JavaDelegate welcomeMember() {
        return execution -> {
            String userId = (String) execution.getVariable("memberUserId");
            String token = links.issue(OneTimeLinks.Purpose.PASSWORD, userId, settings.passwordLinkValidity());
            mail.welcome(userId, application(execution).organisationName(), token,
                    ClockUtil.getCurrentTime().toInstant().plus(settings.passwordLinkValidity()));
        };
    }

    @Bean
    JavaDelegate tellApplicantDeclined() {
        return execution -> {
            MembershipRepository.Application application = application(execution);
            mail.declined(application, application.decisionNote());
        };
    }

    private MembershipRepository.Application application(DelegateExecution execution) {
        return repository.findApplication(reference(execution)).orElseThrow();
    }

    private static String reference(DelegateExecution execution) {
        return (String) execution.getVariable("reference");
    }

    private String currentUser() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? "system" : authentication.getUserId();
    }

    private static void require(String note, String message) {
        if (note.isEmpty()) {
            throw new FormInputException(Map.of("screeningNote", message));
        }
    }

    /** Letters and digits of the text, accents removed, lower case, joined by single hyphens. */
    static String slug(String text, int max) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        plain = plain.length() > max ? plain.substring(0, max).replaceAll("-$", "") : plain;
        return plain.isEmpty() ? "member" : plain;
    }

    private static String unique(String base, java.util.function.Predicate<String> taken) {
        String candidate = base;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = base + n;
        }
        return candidate;
    }

}
