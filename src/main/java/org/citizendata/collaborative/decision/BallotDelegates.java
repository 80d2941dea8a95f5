package org.citizendata.collaborative.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormValues;
import org.citizendata.collaborative.platform.SecretVariablesHistory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of {@code steering-committee-decision}: each one step, each calling {@link Ballots}. */
@Configuration
class BallotDelegates {

    private final Ballots ballots;
    private final IdentityService identityService;
    private final BallotRequest.Defaults defaults;
    private final List<Duration> reminderOffsets;

    BallotDelegates(Ballots ballots, IdentityService identityService,
            @Value("${collaborative.decision.voting-period}") Duration votingPeriod,
            @Value("${collaborative.decision.extension-period}") Duration extensionPeriod,
            @Value("${collaborative.decision.declaration-period}") Duration declarationPeriod,
            @Value("${collaborative.decision.reminders-before-close}") List<Duration> reminderOffsets) {
        this.ballots = ballots;
        this.identityService = identityService;
        this.defaults = new BallotRequest.Defaults(votingPeriod, extensionPeriod, declarationPeriod);
        if (reminderOffsets.size() != 2) {
            throw new IllegalStateException("collaborative.decision.reminders-before-close takes two periods, such as P3D,P1D");
        }
        this.reminderOffsets = reminderOffsets;
    }

    @Bean
    JavaDelegate openBallot() {
        return execution -> {
            BallotRequest request = BallotRequest.from(execution, defaults);
            Ballot ballot = ballots.open(request, execution.getProcessInstanceId());
            execution.setVariable(SteeringCommitteeDecision.BALLOT_ID, ballot.id());
            if (ballot.secret()) {
                // The vote form's fields leave no history beside the voter's task (SecretVariablesHistory).
                execution.setVariable(SecretVariablesHistory.SECRET_VARIABLES, "choice,reason");
            }
            boolean declarationWindow = !request.declarationPeriod().isZero();
            setDerived(execution, "declarationWindow", Variables.booleanValue(declarationWindow, true));
            if (declarationWindow) {
                setDerived(execution, "declarants", Variables.objectValue(ballots.pendingVoters(ballot.id()), true).create());
                setDerived(execution, "declarationEnds",
                        Variables.dateValue(Date.from(Ballots.now().plus(request.declarationPeriod())), true));
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
            ballots.declareConflict(ballotId(execution), (String) execution.getVariable("declarantOrganisation"),
                    currentUser(), Boolean.TRUE.equals(conflict), FormValues.text(execution, "conflictReason"));
        };
    }

    @Bean
    JavaDelegate startVoting() {
        return execution -> {
            Ballots.VotingRound round = ballots.startVoting(ballotId(execution));
            setDerived(execution, "voters", Variables.objectValue(round.voters(), true).create());
            setDerived(execution, "closesAt", Variables.dateValue(Date.from(round.closesAt()), true));
            setDerived(execution, "firstReminderAt",
                    Variables.dateValue(reminderAt(round.closesAt(), reminderOffsets.get(0)), true));
            setDerived(execution, "secondReminderAt",
                    Variables.dateValue(reminderAt(round.closesAt(), reminderOffsets.get(1)), true));
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
        ballots.castVote(ballotId(execution), (String) execution.getVariable("voterOrganisation"), currentUser(), choice,
                reason);
    }

    @Bean
    JavaDelegate remindVoters() {
        return execution -> ballots.remindPendingVoters(ballotId(execution));
    }

    @Bean
    JavaDelegate closeBallot() {
        return execution -> ballots.close(ballotId(execution));
    }

    @Bean
    JavaDelegate tallyBallot() {
        return execution -> {
            Ballots.Result result = ballots.tally(ballotId(execution));
            setDerived(execution, "quorumMet", Variables.booleanValue(result.quorumMet(), true));
            setDerived(execution, "extended", Variables.booleanValue(result.extended(), true));
            setOutcome(execution, result);
        };
    }

    @Bean
    JavaDelegate extendBallot() {
        return execution -> ballots.extend(ballotId(execution));
    }

    @Bean
    JavaDelegate applyCoLeadDecision() {
        return execution -> setOutcome(execution, ballots.applyCoLeadDecision(ballotId(execution), currentUser(),
                FormValues.text(execution, "coLeadDecision"), FormValues.text(execution, "coLeadReason")));
    }

    /**
     * A value the model reads only in the transaction that computes it (a gateway's condition, the
     * voters and dates of the vote tasks and their timers): kept out of the database and its history
     * (Camunda's transient variables), since the ballot's own tables have it. Instances of older
     * versions, which kept it as a variable, go on updating that variable.
     */
    private static void setDerived(DelegateExecution execution, String name, TypedValue value) {
        if (execution.hasVariable(name) && !execution.getVariableTyped(name, false).isTransient()) {
            execution.setVariable(name, Variables.untypedValue(value.getValue()));
        } else {
            execution.setVariable(name, value);
        }
    }

    private static void setOutcome(DelegateExecution execution, Ballots.Result result) {
        execution.setVariable(SteeringCommitteeDecision.OUTCOME, result.outcome() == null ? null : result.outcome().name());
        execution.setVariable(SteeringCommitteeDecision.TALLY, result.sentence());
    }

    /**
     * A reminder whose time has already passed (a short voting period) is not sent: its timer is
     * set after the close, and the close cancels it.
     */
    private static Date reminderAt(Instant closesAt, Duration before) {
        Instant at = closesAt.minus(before);
        return Date.from(at.isAfter(Ballots.now()) ? at : closesAt.plusSeconds(60));
    }

    private static String ballotId(DelegateExecution execution) {
        return (String) execution.getVariable(SteeringCommitteeDecision.BALLOT_ID);
    }

    private String currentUser() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
