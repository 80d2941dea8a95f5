package org.citizendata.collaborative.decision;

/** Where a ballot stands: conflicts being declared, voting, or closed. */
public enum BallotStatus {
    DECLARING, OPEN, CLOSED
}
