package org.citizendata.collaborative.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.StatementCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the outbox records of a hand-over to the mail server, and in how many statements. */
class MailOutboxTest extends PostgresApplicationTest {

    @Autowired
    MailOutbox outbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void eachStepOfAHandoverIsOneStatementThatMarksTheSentMailAndTakesTheNext() {
        String secret = "A".repeat(43);
        OutboxMail first = mail("Your password link: http://localhost:8080/account/password/" + secret);
        OutboxMail second = mail("A plain mail");
        String batch = UUID.randomUUID().toString();
        assertThat(outbox.insertAllOnce(List.of(first, second), batch)).containsExactly(true, true);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StatementCounter statements = new StatementCounter(dataSource);
        MailOutbox counted = new MailOutbox(new JdbcTemplate(statements.dataSource()));

        assertThat(counted.recordHandover(null, at, first.id())).isTrue();
        assertThat(row(first)).containsEntry("status", "SENDING").containsEntry("attempts", 0);

        assertThat(counted.recordHandover(first, at, second.id())).isTrue();
        assertThat(statements.prepared()).isEqualTo(2); // one for each step, both marks of the second in one
        Map<String, Object> sent = row(first);
        assertThat(sent).containsEntry("status", "SENT").containsEntry("attempts", 1);
        assertThat(((java.sql.Timestamp) sent.get("sent_at")).toInstant()).isEqualTo(at);
        assertThat((String) sent.get("text_body")).doesNotContain(secret).contains("[one-time link withheld]");
        assertThat(row(second)).containsEntry("status", "SENDING").containsEntry("text_body", "A plain mail");

        // A mail no longer queued (another run of the delivery sent it) is not taken again; the sent one is recorded.
        assertThat(counted.recordHandover(second, at, first.id())).isFalse();
        assertThat(row(second)).containsEntry("status", "SENT").containsEntry("attempts", 1);
        assertThat(row(first)).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    private Map<String, Object> row(OutboxMail mail) {
        return jdbc.queryForMap("select status, attempts, sent_at, text_body from mail_outbox where id = ?", mail.id());
    }

    private static OutboxMail mail(String text) {
        String id = UUID.randomUUID().toString();
        return new OutboxMail(id, "outbox-test:" + id, null, "someone@demo.citizendata.example", MailKind.PROCESS_MESSAGE,
                true, "A subject", text, "<p>" + text + "</p>", MailStatus.QUEUED, 0, null, Instant.now(), null);
    }
}
