package org.citizendata.collaborative.membership;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.citizendata.collaborative.directory.StakeholderCategory;
import org.citizendata.collaborative.platform.PageTokens;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The public side of membership, without an account: the application page ({@code /apply}) and
 * the page behind the Secretariat's one-time question link. Posts need the page's CSRF token and
 * count against the client address's rate limit; a filled honeypot field marks a robot.
 */
@Controller
@RequestMapping("/apply")
class ApplyController {

    static final String HONEYPOT = "faxNumber";

    static final Map<String, String> CATEGORIES = new LinkedHashMap<>();
    static final Map<String, String> ENGAGEMENTS = new LinkedHashMap<>();

    static {
        CATEGORIES.put(StakeholderCategory.CIVIL_SOCIETY_ORGANISATION.name(), "Civil society organisation");
        CATEGORIES.put(StakeholderCategory.NATIONAL_STATISTICAL_OFFICE.name(), "National statistical office");
        CATEGORIES.put(StakeholderCategory.LINE_MINISTRY.name(), "Line ministry of a national statistical system");
        CATEGORIES.put(StakeholderCategory.HUMAN_RIGHTS_INSTITUTION.name(), "Human rights institution");
        CATEGORIES.put(StakeholderCategory.RESEARCH_INSTITUTION.name(), "Research institution");
        CATEGORIES.put(StakeholderCategory.PUBLIC_INSTITUTION.name(), "Public institution");
        CATEGORIES.put(StakeholderCategory.PRIVATE_INSTITUTION.name(), "Private institution");
        CATEGORIES.put(StakeholderCategory.DEVELOPMENT_PARTNER.name(), "Development partner (donor)");
        CATEGORIES.put(StakeholderCategory.REGIONAL_OR_INTERNATIONAL_ORGANISATION.name(), "Regional or international organisation");
        ENGAGEMENTS.put("PRODUCES", "We produce citizen data");
        ENGAGEMENTS.put("USES", "We use citizen data (for policy, research or advocacy)");
        ENGAGEMENTS.put("SUPPORTS", "We support others who produce or use it (national statistical offices, communities)");
        ENGAGEMENTS.put("NONE", "We do not work with citizen data yet");
    }

    private final MembershipApplications applications;
    private final MembershipRepository repository;
    private final ApplyAttempts attempts;
    private final PageTokens tokens;

    ApplyController(MembershipApplications applications, MembershipRepository repository, ApplyAttempts attempts,
            PageTokens tokens) {
        this.applications = applications;
        this.repository = repository;
        this.attempts = attempts;
        this.tokens = tokens;
    }

    @GetMapping
    ModelAndView page(HttpServletRequest request) {
        return form(request, ApplicationForm.from(name -> null), Map.of(), null, HttpStatus.OK);
    }

    @PostMapping
    ModelAndView apply(HttpServletRequest request, HttpServletResponse response) {
        ApplicationForm form = ApplicationForm.from(request::getParameter);
        if (!attempts.admit(request.getRemoteAddr())) {
            response.setHeader("Retry-After", Long.toString(attempts.retryAfterSeconds()));
            return form(request, form, Map.of(), "Too many applications were sent from your address. Please try again"
                    + " in an hour, or write to the Secretariat.", HttpStatus.TOO_MANY_REQUESTS);
        }
        if (!tokens.valid(request)) {
            return form(request, form, Map.of(), "This form has expired or did not come from this site. Your answers"
                    + " are kept below: please send them again.", HttpStatus.FORBIDDEN);
        }
        String honeypot = request.getParameter(HONEYPOT);
        if (honeypot != null && !honeypot.isEmpty()) {
            return form(request, form, Map.of(), "The form could not be accepted. If you are a person, leave the field"
                    + " \"Leave this empty\" empty and send it again.", HttpStatus.BAD_REQUEST);
        }
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            return form(request, form, problems, "Please correct the fields marked below.", HttpStatus.BAD_REQUEST);
        }
        String reference = applications.submit(form);
        ModelAndView page = new ModelAndView("membership/apply-received");
        page.addObject("reference", reference);
        page.addObject("email", form.contactEmail());
        return page;
    }

    @GetMapping("/information/{token}")
    ModelAndView question(@PathVariable String token, HttpServletRequest request) {
        OneTimeLinks.Result result = applications.informationLink(token);
        if (result.link() == null) {
            return invalid(result.refusal());
        }
        return questionPage(request, token, result.link(), "", null, HttpStatus.OK);
    }

    @PostMapping("/information/{token}")
    ModelAndView answer(@PathVariable String token, HttpServletRequest request) {
        OneTimeLinks.Result result = applications.informationLink(token);
        if (result.link() == null) {
            return invalid(result.refusal());
        }
        String answer = request.getParameter("answer") == null ? "" : request.getParameter("answer").strip();
        if (!tokens.valid(request)) {
            return questionPage(request, token, result.link(), answer, "This form has expired or did not come from this"
                    + " site. Your answer is kept below: please send it again.", HttpStatus.FORBIDDEN);
        }
        if (answer.length() < 2 || answer.length() > 4000 || ApplicationForm.CONTROL.matcher(answer).find()) {
            return questionPage(request, token, result.link(), answer, "Write your answer: between 2 and 4000 characters"
                    + " of text.", HttpStatus.BAD_REQUEST);
        }
        boolean answered;
        try {
            answered = applications.answer(token, answer);
        } catch (MismatchingMessageCorrelationException e) {
            // The question's deadline passed between the check and the answer: nothing was kept.
            return invalid(OneTimeLinks.Refusal.EXPIRED);
        }
        if (!answered) {
            return invalid(OneTimeLinks.Refusal.USED);
        }
        ModelAndView page = new ModelAndView("membership/message");
        page.addObject("title", "Thank you");
        page.addObject("text", "Your answer is with the Secretariat, who will go on screening your application ("
                + result.link().subject() + ").");
        return page;
    }

    private ModelAndView form(HttpServletRequest request, ApplicationForm form, Map<String, String> problems,
            String message, HttpStatus status) {
        ModelAndView page = new ModelAndView("membership/apply");
        Instant now = ClockUtil.getCurrentTime().toInstant();
        repository.openDrive().filter(d -> d.windowClosesAt().isAfter(now)).ifPresent(drive -> {
            page.addObject("drive", drive);
            page.addObject("closes", ApplicantMail.WHEN.format(drive.windowClosesAt()));
            page.addObject("sessions", repository.sessions(drive.key()).stream()
                    .filter(s -> s.startsAt().isAfter(now))
                    .map(s -> Map.of("when", ApplicantMail.WHEN.format(s.startsAt()), "link", s.link())).toList());
        });
        page.addObject("form", form);
        page.addObject("problems", problems);
        page.addObject("message", message);
        page.addObject("categories", CATEGORIES);
        page.addObject("engagements", ENGAGEMENTS);
        page.addObject("csrf", tokens.token(request));
        page.setStatus(status);
        return page;
    }

    private ModelAndView questionPage(HttpServletRequest request, String token, OneTimeLinks.Link link, String answer,
            String message, HttpStatus status) {
        ModelAndView page = new ModelAndView("membership/apply-information");
        page.addObject("reference", link.subject());
        page.addObject("question", repository.openQuestion(link.subject()).map(MembershipRepository.Exchange::question)
                .orElse(""));
        page.addObject("expires", ApplicantMail.WHEN.format(link.expiresAt()));
        page.addObject("token", token);
        page.addObject("answer", answer);
        page.addObject("message", message);
        page.addObject("csrf", tokens.token(request));
        page.setStatus(status);
        return page;
    }

    static ModelAndView invalid(OneTimeLinks.Refusal refusal) {
        ModelAndView page = new ModelAndView("membership/message");
        page.addObject("title", "This link does not work any more");
        page.addObject("text", switch (refusal) {
            case USED -> "The link has been used already: each link works once.";
            case EXPIRED -> "The link has expired.";
            case UNKNOWN -> "The link is not known.";
        } + " Please write to the Secretariat of the Collaborative on Citizen Data, quoting your reference number.");
        page.setStatus(refusal == OneTimeLinks.Refusal.UNKNOWN ? HttpStatus.NOT_FOUND : HttpStatus.GONE);
        return page;
    }
}
