package org.citizendata.collaborative.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormValues;
import org.citizendata.collaborative.platform.SystemActions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delegates of {@code mail-delivery} and {@code undeliverable-mail}. A delivery sends the mail
 * still queued in its batch. Sending is idempotent: a mail already marked sent is not sent again,
 * and the hand-over to the SMTP server is recorded step by step ({@link Handover}), so neither a
 * retry of the job nor another node's run after a crash sends a mail twice. A mail the server will
 * never accept, or one a killed delivery may have handed over, goes to the Secretariat and does
 * not hold up the rest of its batch.
 */
@Configuration
class MailDelivery {

    static final String MAIL_ID = "mailId";
    static final String UNDELIVERABLE = "MAIL_UNDELIVERABLE";
    static final String INTERRUPTED = "The delivery stopped (the application was stopped or killed) after handing this"
            + " mail to the mail server and before recording its answer: it may have arrived. Resend it or discard it.";

    private final MailOutbox outbox;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationSettings settings;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate outsideTransaction;
    private final MailDeliveries deliveries;
    private final RuntimeService runtimeService;
    private final SystemActions systemActions;

    MailDelivery(MailOutbox outbox, ObjectProvider<JavaMailSender> mailSender, NotificationSettings settings,
            PlatformTransactionManager transactions, MailDeliveries deliveries, RuntimeService runtimeService,
            SystemActions systemActions) {
        this.outbox = outbox;
        this.mailSender = mailSender;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.outsideTransaction = new TransactionTemplate(transactions);
        this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.deliveries = deliveries;
        this.runtimeService = runtimeService;
        this.systemActions = systemActions;
    }

    @Bean
    JavaDelegate sendMail() {
        return execution -> {
            // A delivery started before batches names its one mail, and its model catches the BPMN error.
            String single = (String) execution.getVariable(MAIL_ID);
            List<OutboxMail> mails = single != null ? outbox.find(single).stream().toList()
                    : outbox.queuedIn(batchOf(execution));
            Handover handover = new Handover();
            try (SmtpConnection smtp = new SmtpConnection(mailSender.getIfAvailable())) {
                for (OutboxMail mail : mails) {
                    send(mail, single != null, smtp, handover);
                }
            } finally {
                handover.finish();
            }
        };
    }

    private void send(OutboxMail mail, boolean alone, SmtpConnection smtp, Handover handover) {
        if (mail.status() == MailStatus.SENDING) {
            undeliverable(mail, INTERRUPTED, alone);
            return;
        }
        if (mail.status() != MailStatus.QUEUED) {
            return; // sent already, or given up: nothing to do, ever twice
        }
        InternetAddress to;
        try {
            to = new InternetAddress(mail.recipientAddress(), true);
        } catch (AddressException e) {
            undeliverable(mail, "Malformed recipient address '" + mail.recipientAddress() + "': " + e.getMessage(), alone);
            return;
        }
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("No SMTP server configured (SMTP_HOST)");
        }
        try {
            MimeMessage message = message(sender, mail, to);
            if (!handover.begin(mail)) {
                return; // another run of this delivery (its lock expired while it ran) has it: never twice
            }
            smtp.send(message);
        } catch (MailSendException e) {
            if (rejectsRecipient(e)) {
                // Queued again on its own first, so that if this job rolls back, its retry asks the server again.
                recordAttempt(mail, e);
                undeliverable(mail, "The mail server refused the recipient: " + e.getMessage(), alone);
                return;
            }
            recordAttempt(mail, e);
            throw e;
        } catch (MailException e) {
            recordAttempt(mail, e);
            throw e;
        } catch (MessagingException e) {
            recordAttempt(mail, e);
            throw new IllegalStateException("Could not build mail " + mail.id() + ": " + e.getMessage(), e);
        }
        handover.accepted(mail);
    }

    /**
     * What the outbox knows of the hand-over to the mail server, each mark committed at once: a
     * mail is marked SENDING before it is handed over, and SENT once the server took it, in the
     * same round trip to the database as the next mail's SENDING (or at the end of the delivery;
     * {@link MailOutbox#recordHandover}).
     * A delivery killed between the server's answer and that mark leaves one mail SENDING: the
     * next delivery gives it to the Secretariat instead of sending it a second time, and a retry
     * never sends again what the server took.
     */
    private final class Handover {

        private OutboxMail accepted;

        /** False when the mail is no longer queued: another run of the same delivery took it. */
        boolean begin(OutboxMail next) {
            return record(next.id());
        }

        void accepted(OutboxMail mail) {
            accepted = mail;
        }

        void finish() {
            record(null);
        }

        private boolean record(String next) {
            OutboxMail taken = accepted;
            accepted = null;
            // Outside the job's transaction: committed before the mail goes out.
            return Boolean.TRUE.equals(outsideTransaction.execute(status -> outbox.recordHandover(taken, Instant.now(), next)));
        }
    }

    /** The Secretariat's answer to an undeliverable mail: another address, or give it up. */
    @Bean
    JavaDelegate resolveUndeliverableMail() {
        return execution -> {
            String id = mailId(execution);
            String resolution = FormValues.choice(execution, "resolution", Set.of("resend", "discard"),
                    "choose to resend or to discard the mail");
            if (resolution.equals("discard")) {
                outbox.markDiscarded(id);
                return;
            }
            String address = FormValues.text(execution, "correctedAddress");
            if (address.length() > 254) {
                throw new FormInputException(Map.of("correctedAddress", "a mail address has at most 254 characters"));
            }
            try {
                new InternetAddress(address, true).validate();
            } catch (AddressException e) {
                throw new FormInputException(Map.of("correctedAddress", "not a valid mail address: " + address));
            }
            if (execution.getProcessDefinitionId().startsWith(Notifications.DELIVERY_PROCESS + ":")) {
                outbox.requeue(id, address, null); // a delivery started before batches sends it again itself
                return;
            }
            MailDeliveries.Batch batch = deliveries.current();
            outbox.requeue(id, address, batch.id);
            deliveries.queued(batch);
        };
    }

    private MimeMessage message(JavaMailSender sender, OutboxMail mail, InternetAddress to) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.from());
        helper.setTo(to);
        helper.setSubject(mail.subject());
        helper.setText(mail.textBody(), mail.htmlBody());
        message.setHeader("X-Collaborative-Mail-Key", mail.idempotencyKey());
        message.setHeader("X-Collaborative-Mail-Kind", mail.kind().name());
        // The outbox id as Message-ID: a receiving server that sees it twice can drop the copy.
        message.setHeader("Message-ID", "<" + mail.id() + "@collaborative-workflows>");
        return message;
    }

    /** Marks the mail failed and gives it to the Secretariat; in the job's transaction, so a retry decides again. */
    private void undeliverable(OutboxMail mail, String reason, boolean alone) {
        outbox.markFailed(mail.id(), reason);
        if (alone) {
            throw new BpmnError(UNDELIVERABLE, reason);
        }
        String recipient = mail.recipientUserId() == null ? mail.recipientAddress()
                : mail.recipientUserId() + " <" + mail.recipientAddress() + ">";
        systemActions.withoutAuthorization(() -> runtimeService.startProcessInstanceByKey(
                Notifications.UNDELIVERABLE_PROCESS, mail.id(), Map.of(MAIL_ID, mail.id(), "mailRecipient", recipient,
                        "mailSubject", mail.subject(), "undeliverableReason", reason)));
    }

    private void recordAttempt(OutboxMail mail, Exception e) {
        ownTransaction.executeWithoutResult(status -> outbox.markAttemptFailed(mail.id(), e.getMessage()));
    }

    private static boolean rejectsRecipient(MailSendException e) {
        return e.getFailedMessages().values().stream().anyMatch(failure -> failure instanceof SendFailedException sfe
                && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0);
    }

    /** The batch is the business key; deliveries started before that named it in a variable. */
    private static String batchOf(DelegateExecution execution) {
        Object named = execution.getVariable(MailDeliveries.BATCH);
        return named != null ? (String) named : execution.getProcessBusinessKey();
    }

    private static String mailId(DelegateExecution execution) {
        return (String) execution.getVariable(MAIL_ID);
    }
}
