package org.citizendata.collaborative.notification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(NotificationSettings.class)
class NotificationConfiguration {

    static {
        // Jakarta Mail looks its stream provider up through the ServiceLoader for every body part
        // it builds or parses: a scan of every jar on the class path, the most expensive step of
        // sending a mail (issue 10's profile). Naming the provider skips the scan.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    /** The rhythms the notification models read by expression ({@code ${mailRhythms.digestCron}}). */
    @Bean
    MailRhythms mailRhythms(NotificationSettings settings) {
        return new MailRhythms(settings.retryCycle(), settings.reminderScan(), settings.digestCron());
    }

    public record MailRhythms(String retryCycle, String reminderScan, String digestCron) {

        public String getRetryCycle() {
            return retryCycle;
        }

        public String getReminderScan() {
            return reminderScan;
        }

        public String getDigestCron() {
            return digestCron;
        }
    }
}
