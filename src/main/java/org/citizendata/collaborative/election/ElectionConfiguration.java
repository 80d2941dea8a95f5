package org.citizendata.collaborative.election;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(ElectionSettings.class)
class ElectionConfiguration {

    /** What the election models read by expression ({@code ${electionRhythms.scanCycle}}). */
    @Bean
    ElectionRhythms electionRhythms(ElectionSettings settings) {
        return new ElectionRhythms(settings.scanCycle());
    }

    public record ElectionRhythms(String scanCycle) {

        public String getScanCycle() {
            return scanCycle;
        }
    }
}
