package org.citizendata.collaborative.workstream;

import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.citizendata.collaborative.platform.CurrentUser;
import org.citizendata.collaborative.platform.SystemActions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The proposer withdraws a proposal, at any time before the Steering Committee's vote. */
@RestController
@RequestMapping("/api/workstreams/proposals")
class WorkstreamController {

    private final WorkstreamRepository workstreams;
    private final RuntimeService runtimeService;
    private final SystemActions systemActions;

    WorkstreamController(WorkstreamRepository workstreams, RuntimeService runtimeService, SystemActions systemActions) {
        this.workstreams = workstreams;
        this.runtimeService = runtimeService;
        this.systemActions = systemActions;
    }

    @PostMapping("/{key}/withdraw")
    ResponseEntity<Map<String, String>> withdraw(@PathVariable String key,
            @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        WorkstreamRepository.Proposal proposal = workstreams.findProposal(key).orElse(null);
        if (proposal == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No proposal " + key));
        }
        if (!proposal.proposerUserId().equals(user.userId())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "Only the proposer withdraws a proposal."));
        }
        try {
            systemActions.withoutAuthorization(() -> runtimeService.createMessageCorrelation("WithdrawProposal")
                    .processInstanceBusinessKey(key).correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message",
                    "Proposal " + key + " is " + proposal.status() + ": it can be withdrawn only before the vote."));
        }
        return ResponseEntity.ok(Map.of("message", "Proposal " + key + " is withdrawn."));
    }
}
