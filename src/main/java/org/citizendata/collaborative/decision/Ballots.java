package org.citizendata.collaborative.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.citizendata.collaborative.decision.BallotLog.EventType;
import org.citizendata.collaborative.decision.BallotRepository.Elector;
import org.citizendata.collaborative.directory.Organisation;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.FormInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The rules of a Steering Committee ballot (ToR: one vote per organisation; domain.md: recusal,
 * quorum, majority, extension). Every refusal throws before anything is written.
 */
@Service
public class Ballots {

    static final String SYSTEM = "system";

    private final BallotRepository ballots;
    private final BallotLog log;
    private final DecisionRules rules;
    private final OrganisationRepository organisations;
    private final ApplicationEventPublisher events;

    Ballots(BallotRepository ballots, BallotLog log, DecisionRules rules, OrganisationRepository organisations,
            ApplicationEventPublisher events) {
        this.ballots = ballots;
        this.log = log;
        this.rules = rules;
        this.organisations = organisations;
        this.events = events;
    }

    public Optional<Ballot> find(String ballotId) {
        return ballots.find(ballotId);
    }

    /** Opens a ballot: the electorate is the Steering Committee as it stands now. */
    Ballot open(BallotRequest request, String processInstanceId) {
        if (request.proposingOrganisationId() != null
                && organisations.findById(request.proposingOrganisationId()).isEmpty()) {
            throw new IllegalArgumentException("The Steering Committee decision cannot start: no organisation "
                    + request.proposingOrganisationId());
        }
        Ballot ballot = new Ballot(UUID.randomUUID().toString(), request.subjectType(), request.subjectKey(),
                request.title(), request.summary(), request.proposingOrganisationId(), request.options(),
                request.secret(), BallotStatus.DECLARING, processInstanceId,
                rules.currentVersionOf(DecisionRules.QUORUM), rules.currentVersionOf(DecisionRules.MAJORITY),
                request.votingPeriod(), request.extensionPeriod(), null, null, null, false, null, null);
        ballots.insert(ballot);
        List<Organisation> electorate = organisations.findSteeringCommittee();
        electorate.forEach(o -> ballots.insertElector(ballot.id(), o.id()));
        log.append(ballot.id(), EventType.OPENED, null, SYSTEM, ballot.title() + " (electorate: " + electorate.size()
                + " organisations" + (ballot.secret() ? ", secret ballot" : "") + ")");
        if (request.proposingOrganisationId() != null
                && ballots.findElector(ballot.id(), request.proposingOrganisationId()).isPresent()) {
            recuse(ballot.id(), request.proposingOrganisationId(), "Proposing organisation", SYSTEM);
        }
        return ballot;
    }

    /** An organisation of the electorate declares, before voting opens, whether it has a conflict. */
    void declareConflict(String ballotId, String organisationId, String userId, boolean conflict, String reason) {
        Ballot ballot = lock(ballotId);
        if (ballot.status() != BallotStatus.DECLARING) {
            throw new FormInputException("Voting has opened: conflicts of interest are declared before it opens.");
        }
        Elector elector = electorOf(ballot, organisationId);
        requireRepresentative(userId, organisationId);
        if (elector.recused()) {
            return;
        }
        if (!conflict) {
            log.append(ballotId, EventType.NO_CONFLICT, organisationId, userId, null);
            return;
        }
        String cleanReason = reason == null ? "" : reason.strip();
        if (cleanReason.isEmpty() || cleanReason.length() > 2000) {
            throw new FormInputException(Map.of("conflictReason",
                    "give the reason for the conflict of interest (up to 2000 characters)"));
        }
        recuse(ballotId, organisationId, cleanReason, userId);
    }

    private void recuse(String ballotId, String organisationId, String reason, String by) {
        ballots.recuse(ballotId, organisationId, reason, by);
        log.append(ballotId, EventType.RECUSED, organisationId, by, reason);
    }

    /** Opens voting (first time) or resumes it (after an extension or a re-opening). */
    VotingRound startVoting(String ballotId) {
        Ballot ballot = lock(ballotId);
        if (ballot.status() == BallotStatus.DECLARING) {
            Instant now = now();
            ballots.open(ballotId, now, now.plus(ballot.votingPeriod()));
            log.append(ballotId, EventType.VOTING_OPENED, null, SYSTEM, "closes " + now.plus(ballot.votingPeriod()));
            ballot = ballots.find(ballotId).orElseThrow();
        }
        return new VotingRound(ballot.closesAt(), ballots.findPendingVoters(ballotId));
    }

    /** Records one organisation's vote, cast by one of its representatives. */
    public void castVote(String ballotId, String organisationId, String userId, String choice, String reason) {
        Ballot ballot = lock(ballotId);
        BallotRepository.Voter voter = ballots.findVoter(ballotId, organisationId).orElseThrow(() -> new FormInputException(
                organisationId + " is not a member of the Steering Committee for this ballot and cannot vote."));
        if (voter.elector().recused()) {
            throw new FormInputException(organisationId + " is recused from this ballot and cannot vote.");
        }
        requireRepresentative(userId, organisationId);
        if (!ballot.acceptsVotesAt(now())) {
            throw new FormInputException(ballot.status() == BallotStatus.DECLARING
                    ? "Voting has not opened yet."
                    : "The ballot closed" + (ballot.closesAt() == null ? "" : " at " + ballot.closesAt())
                            + ": no more votes are taken.");
        }
        String cleanChoice = choice == null ? "" : choice.strip().toLowerCase();
        if (!ballot.options().contains(cleanChoice)) {
            throw new FormInputException(Map.of("choice", "choose one of: " + String.join(", ", ballot.options())));
        }
        String cleanReason = reason == null || reason.isBlank() ? null : reason.strip();
        if (cleanReason != null && cleanReason.length() > 2000) {
            throw new FormInputException(Map.of("reason", "the reason is longer than 2000 characters"));
        }
        if (voter.voted()) {
            throw alreadyVoted(organisationId);
        }
        try {
            ballots.insertVote(ballotId, organisationId, ballot.secret() ? null : cleanChoice,
                    ballot.secret() ? null : cleanReason, userId, now());
        } catch (DuplicateKeyException e) {
            throw alreadyVoted(organisationId);
        }
        if (ballot.secret()) {
            ballots.insertSecretChoice(ballotId, cleanChoice);
        }
        log.append(ballotId, EventType.VOTED, organisationId, userId, ballot.secret() ? null : cleanChoice);
    }

    /** Eligible organisations (not recused) that have not voted. */
    List<String> pendingVoters(String ballotId) {
        return ballots.findPendingVoters(ballotId);
    }

    /** Organisations that have not voted are reminded; the notification capability sends the mail. */
    List<String> remindPendingVoters(String ballotId) {
        Ballot ballot = ballots.find(ballotId).orElseThrow();
        if (!ballot.acceptsVotesAt(now())) {
            return List.of();
        }
        List<String> pending = ballots.findPendingVoters(ballotId);
        pending.forEach(o -> log.append(ballotId, EventType.REMINDED, o, SYSTEM, "closes " + ballot.closesAt()));
        events.publishEvent(new VoteReminderDue(ballotId, ballot.title(), ballot.closesAt(), pending));
        return pending;
    }

    void close(String ballotId) {
        lock(ballotId);
        ballots.close(ballotId, now());
        log.append(ballotId, EventType.CLOSED, null, SYSTEM, null);
    }

    /** Counts the votes and applies the ballot's own versions of the quorum and majority rules. */
    Result tally(String ballotId) {
        Ballot ballot = ballots.find(ballotId).orElseThrow();
        List<Elector> electors = ballots.findElectors(ballotId);
        int recused = (int) electors.stream().filter(Elector::recused).count();
        Tally tally = new Tally(ballots.countChoice(ballot, "approve"), ballots.countChoice(ballot, "reject"),
                ballots.countChoice(ballot, "abstain"), electors.size() - recused, recused);
        DecisionRules.Quorum quorum = rules.quorum(ballot.quorumRuleId(), tally);
        String inputs = "eligible=" + tally.eligible() + ", recused=" + recused + ", votesCast=" + tally.votesCast()
                + ", approve=" + tally.approve() + ", reject=" + tally.reject() + ", abstain=" + tally.abstain();
        if (!quorum.met()) {
            String sentence = "No quorum: " + tally.counts() + "; quorum of " + quorum.required() + " not met";
            ballots.recordResult(ballotId, null, sentence, inputs, rules.describe(ballot.quorumRuleId()));
            log.append(ballotId, EventType.NO_QUORUM, null, SYSTEM, sentence);
            return new Result(false, Outcome.NO_QUORUM, sentence, ballot.extended());
        }
        Outcome outcome = rules.approved(ballot.majorityRuleId(), tally) ? Outcome.APPROVED : Outcome.REJECTED;
        String sentence = (outcome == Outcome.APPROVED ? "Approved: " : "Rejected: ") + tally.counts()
                + "; quorum of " + quorum.required() + " met";
        ballots.recordResult(ballotId, outcome, sentence, inputs,
                rules.describe(ballot.quorumRuleId(), ballot.majorityRuleId()));
        log.append(ballotId, EventType.RESULT, null, SYSTEM, sentence);
        events.publishEvent(new DecisionTaken(ballotId, ballot.title(), outcome, sentence, ballot.proposingOrganisationId()));
        return new Result(true, outcome, sentence, ballot.extended());
    }

    /** No quorum the first time: voting goes on for the extension period (domain.md: one extension). */
    void extend(String ballotId) {
        Ballot ballot = lock(ballotId);
        Instant closesAt = now().plus(ballot.extensionPeriod());
        ballots.reopen(ballotId, closesAt, true);
        log.append(ballotId, EventType.EXTENDED, null, SYSTEM, "closes " + closesAt);
    }

    /** The co-leads' answer to a ballot that did not reach its quorum after the extension. */
    Result applyCoLeadDecision(String ballotId, String userId, String decision, String reason) {
        String cleanReason = reason == null ? "" : reason.strip();
        if (cleanReason.length() > 2000) {
            throw new FormInputException(Map.of("coLeadReason", "the reason is longer than 2000 characters"));
        }
        Ballot ballot = lock(ballotId);
        String because = cleanReason.isEmpty() ? "" : " (" + cleanReason + ")";
        switch (decision == null ? "" : decision) {
            case "reopen" -> {
                Instant closesAt = now().plus(ballot.votingPeriod());
                ballots.reopen(ballotId, closesAt, true);
                log.append(ballotId, EventType.REOPENED, null, userId, "closes " + closesAt + because);
                return new Result(false, null, ballot.resultSentence(), true);
            }
            case "defer" -> {
                String sentence = "Deferred to the next Steering Committee meeting by the co-leads"
                        + because + ". " + ballot.resultSentence();
                ballots.recordResult(ballotId, Outcome.DEFERRED, sentence, null, null);
                log.append(ballotId, EventType.RESULT, null, userId, sentence);
                events.publishEvent(new DecisionTaken(ballotId, ballot.title(), Outcome.DEFERRED, sentence,
                        ballot.proposingOrganisationId()));
                return new Result(false, Outcome.DEFERRED, sentence, true);
            }
            case "close" -> {
                String sentence = ballot.resultSentence() + "; closed without a decision by the co-leads" + because;
                ballots.recordResult(ballotId, Outcome.NO_QUORUM, sentence, null, null);
                log.append(ballotId, EventType.RESULT, null, userId, sentence);
                events.publishEvent(new DecisionTaken(ballotId, ballot.title(), Outcome.NO_QUORUM, sentence,
                        ballot.proposingOrganisationId()));
                return new Result(false, Outcome.NO_QUORUM, sentence, true);
            }
            default -> throw new FormInputException(Map.of("coLeadDecision",
                    "choose to re-open the ballot, defer the item or close it"));
        }
    }

    private Ballot lock(String ballotId) {
        return ballots.lock(ballotId).orElseThrow(() -> new IllegalArgumentException("No ballot " + ballotId));
    }

    private Elector electorOf(Ballot ballot, String organisationId) {
        return ballots.findElector(ballot.id(), organisationId).orElseThrow(() -> new FormInputException(
                organisationId + " is not a member of the Steering Committee for this ballot."));
    }

    private void requireRepresentative(String userId, String organisationId) {
        boolean represents = userId != null && organisations.findByRepresentative(userId)
                .map(o -> o.id().equals(organisationId)).orElse(false);
        if (!represents) {
            throw new FormInputException((userId == null ? "An anonymous user" : userId)
                    + " does not represent " + organisationId + " and cannot act for it in this ballot.");
        }
    }

    private static FormInputException alreadyVoted(String organisationId) {
        return new FormInputException(organisationId + " has already voted in this ballot: one vote per organisation.");
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** The organisations asked to vote now, and until when. */
    record VotingRound(Instant closesAt, List<String> voters) {
    }

    /** The state after a tally or the co-leads' decision. */
    record Result(boolean quorumMet, Outcome outcome, String sentence, boolean extended) {
    }
}
