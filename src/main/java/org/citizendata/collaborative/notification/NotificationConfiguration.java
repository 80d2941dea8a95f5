package org.citizendata.collaborative.notification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(NotificationSettings.class)
class NotificationConfiguration {

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
