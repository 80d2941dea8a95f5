package org.citizendata.collaborative.membership;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.util.List;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Secretariat sends a member's representative a new password link, when the welcome link
 * expired or was lost; the earlier links stop working. Not for the Steering Committee, the
 * co-leads, the Secretariat or administrators: their accounts are an administrator's to reset.
 */
@RestController
@RequestMapping("/api/membership")
class MembershipController {

    private final OneTimeLinks links;
    private final ApplicantMail mail;
    private final MembershipSettings settings;
    private final OrganisationRepository organisations;
    private final DirectoryLookup directory;

    static final List<String> PRIVILEGED = List.of(CollaborativeGroups.STEERING_COMMITTEE, CollaborativeGroups.CO_LEADS,
            CollaborativeGroups.SECRETARIAT, CollaborativeGroups.ADMINISTRATORS);

    MembershipController(OneTimeLinks links, ApplicantMail mail, MembershipSettings settings,
            OrganisationRepository organisations, DirectoryLookup directory) {
        this.directory = directory;
        this.links = links;
        this.mail = mail;
        this.settings = settings;
        this.organisations = organisations;
    }

    @PostMapping("/representatives/{userId}/password-link")
    @Transactional
    public ResponseEntity<Map<String, String>> sendPasswordLink(@PathVariable String userId,
            @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (!user.isSecretariat()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message",
                    "Only the Secretariat sends password links."));
        }
        var organisation = organisations.findByRepresentative(userId).orElse(null);
        if (organisation == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message",
                    "No representative of a member organisation is called " + userId + "."));
        }
        List<String> groups = directory.groupsOf(userId);
        if (PRIVILEGED.stream().anyMatch(groups::contains)) {
            // A link in the Secretariat's hands must not open a Steering Committee member's account (and its vote).
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", userId + " belongs to the Steering"
                    + " Committee, the co-leads, the Secretariat or the administrators: an administrator resets that password."));
        }
        String token = links.issue(OneTimeLinks.Purpose.PASSWORD, userId, settings.passwordLinkValidity());
        Instant expires = ClockUtil.getCurrentTime().toInstant().plus(settings.passwordLinkValidity());
        mail.passwordLink(userId, token, expires);
        return ResponseEntity.ok(Map.of("message", "A new link to choose a password is on its way to " + userId
                + "; it works until " + ApplicantMail.WHEN.format(expires) + "."));
    }
}
