package org.citizendata.collaborative.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** The mail of one delivery goes over one SMTP connection; after a failure the next mail opens a new one. */
class SmtpConnectionTest {

    @RegisterExtension
    static GreenMailExtension server = new GreenMailExtension(ServerSetupTest.SMTP);

    static final AtomicInteger CONNECTIONS = new AtomicInteger();

    /** Jakarta Mail's SMTP transport, counting the connections it opens. */
    public static class CountingTransport extends SMTPTransport {

        public CountingTransport(Session session, URLName name) {
            super(session, name);
        }

        @Override
        protected synchronized boolean protocolConnect(String host, int port, String user, String password)
                throws jakarta.mail.MessagingException {
            CONNECTIONS.incrementAndGet();
            return super.protocolConnect(host, port, user, password);
        }
    }

    JavaMailSenderImpl sender = new JavaMailSenderImpl();

    @BeforeEach
    void countingSender() throws Exception {
        CONNECTIONS.set(0);
        Session session = Session.getInstance(new Properties());
        session.setProvider(new Provider(Provider.Type.TRANSPORT, "smtp", CountingTransport.class.getName(), "test", "1"));
        sender.setSession(session);
        sender.setHost("127.0.0.1");
        sender.setPort(server.getSmtp().getPort());
    }

    @Test
    void theMailOfOneDeliveryGoesOverOneConnectionWithItsOwnMessageId() throws Exception {
        try (SmtpConnection smtp = new SmtpConnection(sender)) {
            for (int i = 1; i <= 3; i++) {
                smtp.send(mail("member" + i + "@example.org", "<mail-" + i + "@collaborative-workflows>"));
            }
        }
        assertThat(server.getReceivedMessages()).hasSize(3);
        assertThat(server.getReceivedMessages()[1].getMessageID()).isEqualTo("<mail-2@collaborative-workflows>");
        assertThat(CONNECTIONS).hasValue(1);
    }

    @Test
    void aConnectionCarriesAtMostTwentyMails() throws Exception {
        try (SmtpConnection smtp = new SmtpConnection(sender)) {
            for (int i = 1; i <= SmtpConnection.MAILS_PER_CONNECTION + 5; i++) {
                smtp.send(mail("member" + i + "@example.org", "<many-" + i + "@collaborative-workflows>"));
            }
        }
        assertThat(server.getReceivedMessages()).hasSize(SmtpConnection.MAILS_PER_CONNECTION + 5);
        assertThat(CONNECTIONS).hasValue(2);
    }

    @Test
    void aMailServerThatIsDownIsASendFailureAndTheNextMailConnectsAgain() throws Exception {
        server.stop();
        try (SmtpConnection smtp = new SmtpConnection(sender)) {
            assertThatThrownBy(() -> smtp.send(mail("member@example.org", "<down@collaborative-workflows>")))
                    .isInstanceOf(MailSendException.class).hasMessageContaining("connection failed");
            server.start();
            smtp.send(mail("member@example.org", "<up@collaborative-workflows>"));
        }
        assertThat(server.getReceivedMessages()).hasSize(1);
    }

    private MimeMessage mail(String to, String messageId) throws Exception {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("no-reply@citizendata.example");
        helper.setTo(to);
        helper.setSubject("Test");
        helper.setText("Plain", "<p>HTML</p>");
        message.setHeader("Message-ID", messageId);
        return message;
    }
}
