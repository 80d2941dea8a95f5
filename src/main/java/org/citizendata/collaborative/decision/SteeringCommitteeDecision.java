package org.citizendata.collaborative.decision;

/**
 * The contract of the called process {@code steering-committee-decision}: the variables a
 * calling process passes in ({@code <camunda:in>}) and those it gets back ({@code <camunda:out>}).
 */
public final class SteeringCommitteeDecision {

    public static final String PROCESS_KEY = "steering-committee-decision";

    // In
    public static final String SUBJECT_TYPE = "subjectType";
    public static final String SUBJECT_KEY = "subjectKey";
    public static final String TITLE = "title";
    public static final String SUMMARY = "summary";
    /** The organisation id of the proposer, recused automatically; optional. */
    public static final String PROPOSING_ORGANISATION = "proposingOrganisation";
    /** "approve,reject,abstain" (default) or "approve,reject". */
    public static final String OPTIONS = "options";
    /** ISO 8601 periods; defaults in application.yaml ({@code collaborative.decision}). */
    public static final String VOTING_PERIOD = "votingPeriod";
    public static final String EXTENSION_PERIOD = "extensionPeriod";
    public static final String DECLARATION_PERIOD = "conflictDeclarationPeriod";
    /** true: turnout is recorded, choices are not linked to voters. */
    public static final String SECRET_BALLOT = "secretBallot";

    // Out
    public static final String BALLOT_ID = "ballotId";
    /** One of {@link Outcome}'s names. */
    public static final String OUTCOME = "decisionOutcome";
    /** "Approved: 7 approve, 1 reject, 1 abstain of 9 eligible (1 recused); quorum of 5 met". */
    public static final String TALLY = "decisionTally";

    private SteeringCommitteeDecision() {
    }
}
