package org.citizendata.collaborative.decision;

/** What the Steering Committee decided, as the calling process receives it. */
public enum Outcome {
    APPROVED, REJECTED, NO_QUORUM, DEFERRED
}
