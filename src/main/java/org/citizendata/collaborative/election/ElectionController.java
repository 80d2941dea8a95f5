package org.citizendata.collaborative.election;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citizendata.collaborative.directory.Organisation;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The co-lead terms: everyone sees them; the Secretariat records the terms that no election
 * produced (the initial co-leads of the ToR, or terms from before this system).
 */
@RestController
@RequestMapping("/api/election/terms")
class ElectionController {

    private final ElectionRepository repository;
    private final OrganisationRepository organisations;
    private final Elections elections;

    ElectionController(ElectionRepository repository, OrganisationRepository organisations, Elections elections) {
        this.repository = repository;
        this.organisations = organisations;
        this.elections = elections;
    }

    @GetMapping
    List<Map<String, Object>> terms() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return repository.allTerms().stream().map(t -> {
            Map<String, Object> term = new LinkedHashMap<>();
            term.put("organisationId", t.organisationId());
            term.put("organisation", organisations.findById(t.organisationId()).map(Organisation::name).orElse(null));
            term.put("startsOn", t.startsOn().toString());
            term.put("endsOn", t.endsOn().toString());
            term.put("extended", t.extended());
            term.put("current", !t.startsOn().isAfter(today) && t.endsOn().isAfter(today));
            return term;
        }).toList();
    }

    @PostMapping
    @Transactional
    ResponseEntity<Map<String, String>> record(@RequestBody(required = false) Map<String, String> body,
            @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (!user.isSecretariat()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "Only the Secretariat records co-lead terms."));
        }
        Map<String, String> values = body == null ? Map.of() : body;
        String organisationId = values.getOrDefault("organisationId", "");
        boolean steeringCommittee = organisations.findById(organisationId).map(Organisation::steeringCommittee).orElse(false);
        if (!steeringCommittee) {
            return bad("organisationId: co-leads are Steering Committee organisations (ToR); " + organisationId + " is not one");
        }
        LocalDate startsOn;
        LocalDate endsOn;
        try {
            startsOn = LocalDate.parse(values.getOrDefault("startsOn", ""));
            endsOn = LocalDate.parse(values.getOrDefault("endsOn", ""));
        } catch (DateTimeParseException e) {
            return bad("startsOn, endsOn: dates such as 2025-03-01");
        }
        if (!endsOn.isAfter(startsOn) || endsOn.isAfter(startsOn.plusYears(3))) {
            return bad("endsOn: after startsOn, and at most three years later (two years and the continuity year)");
        }
        boolean overlaps = repository.allTerms().stream().anyMatch(t -> t.organisationId().equals(organisationId)
                && t.startsOn().isBefore(endsOn) && startsOn.isBefore(t.endsOn()));
        if (overlaps) {
            return bad("startsOn, endsOn: " + organisationId + " already has a term in that period");
        }
        repository.insertTerm(organisationId, startsOn, endsOn, null);
        elections.alignCoLeadsGroup(LocalDate.now(ZoneOffset.UTC));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("message", "Term recorded: " + organisationId
                + " from " + startsOn + " to " + endsOn + "."));
    }

    private static ResponseEntity<Map<String, String>> bad(String message) {
        return ResponseEntity.badRequest().body(Map.of("message", message));
    }
}
