package org.citizendata.collaborative.notification;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Map;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One connection to the SMTP server for the mail of one delivery (at most
 * {@value #MAILS_PER_CONNECTION} mails), where {@link JavaMailSender#send(MimeMessage)} opened and
 * closed one for every mail (BENCHMARKS.md). Opened at the first mail; after a failure the next
 * mail opens a new one. Failures are Spring's
 * {@link org.springframework.mail.MailException}s, as from {@code send}. A sender that is not
 * Spring's own implementation sends each mail itself.
 */
final class SmtpConnection implements AutoCloseable {

    /** Mail servers limit the messages of one connection (Exchange: 20 by default): a new one after as many. */
    static final int MAILS_PER_CONNECTION = 20;

    private final JavaMailSender sender;
    private Transport transport;
    private int sentOnThisConnection;

    SmtpConnection(JavaMailSender sender) {
        this.sender = sender;
    }

    void send(MimeMessage message) {
        if (!(sender instanceof JavaMailSenderImpl smtp)) {
            sender.send(message);
            return;
        }
        if (transport != null && sentOnThisConnection >= MAILS_PER_CONNECTION) {
            close();
        }
        if (transport == null) {
            transport = connect(smtp);
            sentOnThisConnection = 0;
        }
        try {
            // As JavaMailSenderImpl does: a date, the headers brought up to date, our Message-ID kept.
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            String messageId = message.getMessageID();
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
            Address[] recipients = message.getAllRecipients();
            transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
            sentOnThisConnection++;
        } catch (MessagingException e) {
            close();
            throw new MailSendException(Map.<Object, Exception>of(message, e));
        }
    }

    private static Transport connect(JavaMailSenderImpl smtp) {
        String username = smtp.getUsername() == null || smtp.getUsername().isEmpty() ? null : smtp.getUsername();
        String password = username == null && (smtp.getPassword() == null || smtp.getPassword().isEmpty()) ? null
                : smtp.getPassword();
        try {
            Transport transport = smtp.getProtocol() == null ? smtp.getSession().getTransport()
                    : smtp.getSession().getTransport(smtp.getProtocol());
            transport.connect(smtp.getHost(), smtp.getPort(), username, password);
            return transport;
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (MessagingException e) {
            throw new MailSendException("Mail server connection failed", e);
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the mail was accepted or has failed already; a failing QUIT changes neither
            }
            transport = null;
        }
    }
}
