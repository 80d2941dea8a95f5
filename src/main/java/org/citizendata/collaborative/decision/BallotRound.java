package org.citizendata.collaborative.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The values of a ballot's round that the model reads: who is asked, until when, when to remind,
 * and the answers of its gateways ({@code ${ballotRound.closesAt(execution)}}). The step that
 * computes them leaves them as transient variables, read in the same transaction without being
 * stored or kept in history (the ballot's row has them); anywhere else (an operator starting a vote
 * task or a gateway again) they are read from the ballot.
 */
@Component("ballotRound")
public class BallotRound {

    private final Ballots ballots;
    private final BallotRequest.Defaults defaults;
    private final List<Duration> reminderOffsets;

    BallotRound(Ballots ballots,
            @Value("${collaborative.decision.voting-period}") Duration votingPeriod,
            @Value("${collaborative.decision.extension-period}") Duration extensionPeriod,
            @Value("${collaborative.decision.declaration-period}") Duration declarationPeriod,
            @Value("${collaborative.decision.reminders-before-close}") List<Duration> reminderOffsets) {
        this.ballots = ballots;
        this.defaults = new BallotRequest.Defaults(votingPeriod, extensionPeriod, declarationPeriod);
        if (reminderOffsets.size() != 2) {
            throw new IllegalStateException("collaborative.decision.reminders-before-close takes two periods, such as P3D,P1D");
        }
        this.reminderOffsets = reminderOffsets;
    }

    BallotRequest.Defaults defaults() {
        return defaults;
    }

    public List<String> voters(DelegateExecution execution) {
        return read(execution, "voters", () -> ballots.pendingVoters(ballotId(execution)));
    }

    public List<String> declarants(DelegateExecution execution) {
        return read(execution, "declarants", () -> ballots.pendingVoters(ballotId(execution)));
    }

    public Date closesAt(DelegateExecution execution) {
        return read(execution, "closesAt", () -> Date.from(ballot(execution).closesAt()));
    }

    public Date firstReminderAt(DelegateExecution execution) {
        return read(execution, "firstReminderAt", () -> reminderAt(ballot(execution).closesAt(), 0));
    }

    public Date secondReminderAt(DelegateExecution execution) {
        return read(execution, "secondReminderAt", () -> reminderAt(ballot(execution).closesAt(), 1));
    }

    public boolean declarationWindow(DelegateExecution execution) {
        return read(execution, "declarationWindow",
                () -> !BallotRequest.from(execution, defaults).declarationPeriod().isZero());
    }

    /** Started again by an operator, a declaration window is a new one. */
    public Date declarationEnds(DelegateExecution execution) {
        return read(execution, "declarationEnds",
                () -> Date.from(Ballots.now().plus(BallotRequest.from(execution, defaults).declarationPeriod())));
    }

    public boolean quorumMet(DelegateExecution execution) {
        return read(execution, "quorumMet", () -> ballot(execution).outcome() != null);
    }

    public boolean extended(DelegateExecution execution) {
        return read(execution, "extended", () -> ballot(execution).extended());
    }

    /**
     * A reminder whose time has already passed (a short voting period) is not sent: its timer is
     * set after the close, and the close cancels it.
     */
    Date reminderAt(Instant closesAt, int which) {
        Instant at = closesAt.minus(reminderOffsets.get(which));
        return Date.from(at.isAfter(Ballots.now()) ? at : closesAt.plusSeconds(60));
    }

    /**
     * Leaves the value for the model to read in this transaction. Instances of older versions, which
     * kept it as a variable, go on updating that variable.
     */
    static void leave(DelegateExecution execution, String name, Object value) {
        TypedValue stored = execution.hasVariable(name) ? execution.getVariableTyped(name, false) : null;
        if (stored != null && !stored.isTransient()) {
            execution.setVariable(name, value);
        } else {
            execution.setVariable(name, Variables.untypedValue(value, true));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(DelegateExecution execution, String name, Supplier<T> fromTheBallot) {
        Object value = execution.getVariable(name);
        return value != null ? (T) value : fromTheBallot.get();
    }

    private Ballot ballot(DelegateExecution execution) {
        return ballots.find(ballotId(execution)).orElseThrow();
    }

    static String ballotId(DelegateExecution execution) {
        return (String) execution.getVariable(SteeringCommitteeDecision.BALLOT_ID);
    }
}
