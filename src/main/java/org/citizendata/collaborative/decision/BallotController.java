package org.citizendata.collaborative.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citizendata.collaborative.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What each role may see of a ballot: while it is open, the Secretariat sees the turnout (who has
 * voted, not how); once it is closed, the Steering Committee sees the named votes, except in a
 * secret ballot, where only the turnout and the counts are ever shown.
 */
@RestController
@RequestMapping("/api/ballots")
class BallotController {

    private final Ballots ballots;
    private final BallotRepository repository;
    private final BallotLog log;

    BallotController(Ballots ballots, BallotRepository repository, BallotLog log) {
        this.ballots = ballots;
        this.repository = repository;
        this.log = log;
    }

    @GetMapping("/{ballotId}")
    ResponseEntity<?> ballot(@PathVariable String ballotId, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        Ballot ballot = ballots.find(ballotId).orElse(null);
        if (ballot == null) {
            return error(HttpStatus.NOT_FOUND, "No ballot " + ballotId);
        }
        boolean closed = ballot.status() == BallotStatus.CLOSED;
        boolean mayRead = user.isSecretariat() || (closed && user.isSteeringCommittee());
        if (!mayRead) {
            return error(HttpStatus.FORBIDDEN, "While a ballot is open only the Secretariat sees its turnout; "
                    + "the Steering Committee sees the votes once it is closed.");
        }
        boolean named = closed && !ballot.secret();
        Map<String, BallotRepository.Vote> votes = repository.findVotes(ballotId).stream()
                .collect(Collectors.toMap(BallotRepository.Vote::organisationId, Function.identity()));
        List<ElectorView> electorate = repository.findElectors(ballotId).stream().map(e -> {
            BallotRepository.Vote vote = votes.get(e.organisationId());
            return new ElectorView(e.organisationId(), e.recused(), e.recused() ? e.recusalReason() : null,
                    vote != null, vote == null ? null : vote.castAt(),
                    named && vote != null ? vote.choice() : null, named && vote != null ? vote.reason() : null);
        }).toList();
        return ResponseEntity.ok(new BallotView(ballot.id(), ballot.subjectType(), ballot.subjectKey(), ballot.title(),
                ballot.status(), ballot.secret(), ballot.openedAt(), ballot.closesAt(), ballot.closedAt(),
                ballot.outcome(), ballot.resultSentence(), votes.size(), electorate));
    }

    /** The append-only log of the ballot, for the Secretariat. */
    @GetMapping(value = "/{ballotId}/events.csv", produces = "text/csv")
    ResponseEntity<String> events(@PathVariable String ballotId, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (!user.isSecretariat()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
                    .body("Only the Secretariat exports the ballot log.");
        }
        if (ballots.find(ballotId).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("No ballot " + ballotId);
        }
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"ballot-" + ballotId + "-events.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(log.csv(ballotId));
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("message", message));
    }

    record BallotView(String id, String subjectType, String subjectKey, String title, BallotStatus status,
            boolean secret, Instant openedAt, Instant closesAt, Instant closedAt, Outcome outcome, String result,
            int turnout, List<ElectorView> electorate) {
    }

    record ElectorView(String organisation, boolean recused, String recusalReason, boolean voted, Instant votedAt,
            String choice, String reason) {
    }
}
