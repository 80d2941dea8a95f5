package org.citizendata.collaborative.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.function.Predicate;

/** Reads what arrived at the test SMTP server. */
public final class MailboxAssertions {

    private MailboxAssertions() {
    }

    public record Received(String to, String subject, String text, String html, String messageId, String key) {
    }

    public static List<Received> received() {
        return TestMail.received().stream().map(MailboxAssertions::read).toList();
    }

    public static List<Received> received(Predicate<Received> filter) {
        return received().stream().filter(filter).toList();
    }

    /** Waits until at least {@code count} matching mails arrived, and returns them. */
    public static List<Received> awaitMails(int count, Predicate<Received> filter, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<Received> matching = received(filter);
        while (matching.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            matching = received(filter);
        }
        return matching;
    }

    private static Received read(MimeMessage message) {
        try {
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            collect(message, text, html);
            return new Received(message.getAllRecipients()[0].toString(), message.getSubject(), text.toString(),
                    html.toString(), message.getMessageID(), message.getHeader("X-Collaborative-Mail-Key", null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws Exception {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, text, html);
            }
        }
    }
}
