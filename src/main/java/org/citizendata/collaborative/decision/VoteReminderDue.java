package org.citizendata.collaborative.decision;

import java.time.Instant;
import java.util.List;

/** Published when organisations that have not voted are to be reminded before the close. */
public record VoteReminderDue(String ballotId, String title, Instant closesAt, List<String> organisationIds) {
}
