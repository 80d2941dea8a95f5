package org.citizendata.collaborative.membership;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(MembershipSettings.class)
class MembershipConfiguration {

    /** What the membership models read by expression ({@code ${membershipRhythms.driveCycle}}). */
    @Bean
    MembershipRhythms membershipRhythms(MembershipSettings settings) {
        return new MembershipRhythms(settings.driveCycle());
    }

    public record MembershipRhythms(String driveCycle) {

        public String getDriveCycle() {
            return driveCycle;
        }
    }
}
