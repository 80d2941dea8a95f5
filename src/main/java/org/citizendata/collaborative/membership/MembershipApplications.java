package org.citizendata.collaborative.membership;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.citizendata.collaborative.platform.SystemActions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications from the public page: kept with the drive that is open (or off-cycle when none
 * is, ToR: interested parties may reach out to the Secretariat at any time), screened by
 * {@code membership-application}, and answered through one-time links.
 */
@Service
public class MembershipApplications {

    static final String PROCESS_KEY = "membership-application";
    static final String INFORMATION_PROVIDED = "ApplicationInformationProvided";

    private final MembershipRepository repository;
    private final RuntimeService runtimeService;
    private final SystemActions systemActions;
    private final ApplicantMail mail;
    private final OneTimeLinks links;

    MembershipApplications(MembershipRepository repository, RuntimeService runtimeService, SystemActions systemActions,
            ApplicantMail mail, OneTimeLinks links) {
        this.repository = repository;
        this.runtimeService = runtimeService;
        this.systemActions = systemActions;
        this.mail = mail;
        this.links = links;
    }

    /** Keeps a checked application and starts its screening; returns its reference number. */
    @Transactional
    public String submit(ApplicationForm form) {
        if (!form.problems().isEmpty()) {
            throw new IllegalArgumentException("Unchecked application: " + form.problems());
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        String driveKey = repository.openDrive().filter(d -> d.windowClosesAt().isAfter(now))
                .map(MembershipRepository.Drive::key).orElse(null);
        String reference = repository.nextReference(now);
        repository.insertApplication(reference, driveKey, form, now);
        ProcessInstance instance = systemActions.withoutAuthorization(() -> runtimeService.startProcessInstanceByKey(
                PROCESS_KEY, reference, Map.of("reference", reference, "organisationName", form.organisationName(),
                        "category", form.category(), "engagement", form.engagement(), "offCycle", driveKey == null)));
        repository.setProcessInstance(reference, instance.getId());
        mail.received(repository.findApplication(reference).orElseThrow(), driveKey);
        return reference;
    }

    /** The open question behind an information link, or why the link does not open. */
    OneTimeLinks.Result informationLink(String token) {
        return links.check(OneTimeLinks.Purpose.INFORMATION, token);
    }

    /** Records the applicant's answer and sends the application back to screening. */
    @Transactional
    public boolean answer(String token, String answer) {
        OneTimeLinks.Link link = links.check(OneTimeLinks.Purpose.INFORMATION, token).valid().orElse(null);
        if (link == null || !links.use(token)) {
            return false;
        }
        String reference = link.subject();
        if (!repository.answer(reference, answer, ClockUtil.getCurrentTime().toInstant())) {
            throw new IllegalStateException("Application " + reference + " has no open question");
        }
        repository.setStatus(reference, "SCREENING");
        systemActions.withoutAuthorization(() -> runtimeService.createMessageCorrelation(INFORMATION_PROVIDED)
                .processInstanceBusinessKey(reference).correlateWithResult());
        return true;
    }
}
