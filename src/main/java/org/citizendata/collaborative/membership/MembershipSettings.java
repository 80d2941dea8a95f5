package org.citizendata.collaborative.membership;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code collaborative.membership.*}: when drives start and how long they stay open, who hears of
 * them, how long the links sent to applicants and new members work, and the public page's rate limit.
 */
@ConfigurationProperties("collaborative.membership")
public record MembershipSettings(
        String driveCycle,
        Duration applicationWindow,
        List<String> announcementList,
        Duration informationLinkValidity,
        Duration passwordLinkValidity,
        int applyRateLimit,
        Duration applyRateWindow) {

    public MembershipSettings {
        announcementList = announcementList == null ? List.of()
                : announcementList.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }
}
