package org.citizendata.collaborative.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One question put to the Steering Committee. */
public record Ballot(
        String id,
        String subjectType,
        String subjectKey,
        String title,
        String summary,
        String proposingOrganisationId,
        List<String> options,
        boolean secret,
        BallotStatus status,
        String processInstanceId,
        String quorumRuleId,
        String majorityRuleId,
        Duration votingPeriod,
        Duration extensionPeriod,
        Instant openedAt,
        Instant closesAt,
        Instant closedAt,
        boolean extended,
        Outcome outcome,
        String resultSentence) {

    public boolean acceptsVotesAt(Instant moment) {
        return status == BallotStatus.OPEN && closesAt != null && moment.isBefore(closesAt);
    }
}
