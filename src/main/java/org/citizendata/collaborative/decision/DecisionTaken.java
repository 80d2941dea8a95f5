package org.citizendata.collaborative.decision;

/** Published when a ballot ends with a decision (or without one, by the co-leads' hand). */
public record DecisionTaken(String ballotId, String title, Outcome outcome, String tally, String proposingOrganisationId) {
}
