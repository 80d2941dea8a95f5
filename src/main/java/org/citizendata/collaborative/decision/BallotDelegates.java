package org.citizendata.collaborative.decision;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormValues;
import org.citizendata.collaborative.platform.SecretVariablesHistory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of {@code steering-committee-decision}: each one step, each calling {@link Ballots}. */
@Configuration
class BallotDelegates {

    private final Ballots ballots;
    private final IdentityService identityService;
    private final BallotRound round;

    BallotDelegates(Ballots ballots, IdentityService identityService, BallotRound round) {
        this.ballots = ballots;
        this.identityService = identityService;
        this.round = round;
    }

    @Bean
    JavaDelegate openBallot() {
        return execution -> {
            BallotRequest request = BallotRequest.from(execution, round.defaults());
            Ballot ballot = ballots.open(request, execution.getProcessInstanceId());
            execution.setVariable(SteeringCommitteeDecision.BALLOT_ID, ballot.id());
            if (ballot.secret()) {
                // The vote form's fields leave no history beside the voter's task (SecretVariablesHistory).
                execution.setVariable(SecretVariablesHistory.SECRET_VARIABLES, "choice,reason");
            }
            boolean declarationWindow = !request.declarationPeriod().isZero();
            BallotRound.leave(execution, "declarationWindow", declarationWindow);
            if (declarationWindow) {
                BallotRound.leave(execution, "declarants", ballots.pendingVoters(ballot.id()));
                BallotRound.leave(execution, "declarationEnds", Date.from(Ballots.now().plus(request.declarationPeriod())));
            }
        };
    }

    @Bean
    JavaDelegate recordConflictDeclaration() {
        return execution -> {
            Object conflict = execution.getVariable("conflict");
            if (conflict != null && !(conflict instanceof Boolean)) {
                throw new FormInputException(Map.of("conflict", "tick the box for a conflict of interest, or leave it empty"));
            }
            ballots.declareConflict(BallotRound.ballotId(execution), (String) execution.getVariable("declarantOrganisation"),
                    currentUser(), Boolean.TRUE.equals(conflict), FormValues.text(execution, "conflictReason"));
        };
    }

    @Bean
    JavaDelegate startVoting() {
        return execution -> {
            Ballots.VotingRound voting = ballots.startVoting(BallotRound.ballotId(execution));
            BallotRound.leave(execution, "voters", voting.voters());
            BallotRound.leave(execution, "closesAt", Date.from(voting.closesAt()));
            BallotRound.leave(execution, "firstReminderAt", round.reminderAt(voting.closesAt(), 0));
            BallotRound.leave(execution, "secondReminderAt", round.reminderAt(voting.closesAt(), 1));
        };
    }

    @Bean
    JavaDelegate recordVote() {
        return this::castVote;
    }

    /**
     * The vote, recorded in the transaction that completes the representative's task (the model's
     * version since the vote sub-process was folded into the task: 22 activity instances a decision
     * instead of 61). A refused vote keeps the task open and answers with the form's message.
     */
    @Bean
    TaskListener recordVoteOnCompletion() {
        return task -> castVote(task.getExecution());
    }

    /** Also the service task of ballots opened before that version, still running. */
    private void castVote(DelegateExecution execution) {
        // Form input as text whatever type a client sent; Ballots refuses what is not a choice.
        String choice = FormValues.text(execution, "choice");
        String reason = FormValues.text(execution, "reason");
        if (execution.getVariable(SecretVariablesHistory.SECRET_VARIABLES) != null) {
            // A secret ballot's choice stays only in the unlinked secret_choice rows.
            execution.removeVariable("choice");
            execution.removeVariable("reason");
        }
        ballots.castVote(BallotRound.ballotId(execution), (String) execution.getVariable("voterOrganisation"), currentUser(), choice,
                reason);
    }

    @Bean
    JavaDelegate remindVoters() {
        return execution -> ballots.remindPendingVoters(BallotRound.ballotId(execution));
    }

    @Bean
    JavaDelegate closeBallot() {
        return execution -> ballots.close(BallotRound.ballotId(execution));
    }

    @Bean
    JavaDelegate tallyBallot() {
        return execution -> {
            Ballots.Result result = ballots.tally(BallotRound.ballotId(execution));
            BallotRound.leave(execution, "quorumMet", result.quorumMet());
            BallotRound.leave(execution, "extended", result.extended());
            setOutcome(execution, result);
        };
    }

    @Bean
    JavaDelegate extendBallot() {
        return execution -> ballots.extend(BallotRound.ballotId(execution));
    }

    @Bean
    JavaDelegate applyCoLeadDecision() {
        return execution -> setOutcome(execution, ballots.applyCoLeadDecision(BallotRound.ballotId(execution), currentUser(),
                FormValues.text(execution, "coLeadDecision"), FormValues.text(execution, "coLeadReason")));
    }

    private static void setOutcome(DelegateExecution execution, Ballots.Result result) {
        execution.setVariable(SteeringCommitteeDecision.OUTCOME, result.outcome() == null ? null : result.outcome().name());
        execution.setVariable(SteeringCommitteeDecision.TALLY, result.sentence());
    }

    private String currentUser() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
