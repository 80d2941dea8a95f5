package org.citizendata.collaborative.election;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code collaborative.election.*}: when an election starts ahead of the terms' end, how long
 * terms and phases last, and whether an outgoing co-lead may stand for the next term.
 */
@ConfigurationProperties("collaborative.election")
public record ElectionSettings(
        String scanCycle,
        Period leadTime,
        Period termLength,
        Period continuityExtension,
        Duration nominationPeriod,
        Duration acceptancePeriod,
        Duration votingPeriod,
        boolean outgoingMayStand) {
}
