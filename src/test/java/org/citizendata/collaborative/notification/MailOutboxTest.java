package org.citizendata.collaborative.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
        handoverSteps(outbox, jdbc, dataSource);
    }

    /** Also run on H2, the embedded default ({@code MailOutboxOnH2Test}). */
    static void handoverSteps(MailOutbox outbox, JdbcTemplate jdbc, DataSource dataSource) {
        String secret = "A".repeat(43);
        OutboxMail first = mail("Your password link: http://localhost:8080/account/password/" + secret);
        OutboxMail second = mail("A plain mail");
        String batch = UUID.randomUUID().toString();
        assertThat(outbox.insertAllOnce(List.of(first, second), batch)).containsExactly(true, true);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StatementCounter statements = new StatementCounter(dataSource);
        MailOutbox counted = new MailOutbox(new JdbcTemplate(statements.dataSource()));

        assertThat(counted.recordHandover(null, at, first.id())).isTrue();
        assertThat(row(jdbc, first)).containsEntry("status", "SENDING");
        assertThat(((Number) row(jdbc, first).get("attempts")).intValue()).isZero();

        assertThat(counted.recordHandover(first, at, second.id())).isTrue();
        assertThat(statements.prepared()).isEqualTo(2); // one for each step, both marks of the second in one
        Map<String, Object> sent = row(jdbc, first);
        assertThat(sent).containsEntry("status", "SENT");
        assertThat(((Number) sent.get("attempts")).intValue()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select sent_at from mail_outbox where id = ?", java.sql.Timestamp.class, first.id())
                .toInstant()).isEqualTo(at);
        assertThat((String) sent.get("text_body")).doesNotContain(secret).contains("[one-time link withheld]");
        assertThat(row(jdbc, second)).containsEntry("status", "SENDING").containsEntry("text_body", "A plain mail");

        // A mail no longer queued (another run of the delivery sent it) is not taken again; the sent one is recorded.
        assertThat(counted.recordHandover(second, at, first.id())).isFalse();
        assertThat(row(jdbc, second)).containsEntry("status", "SENT");
        assertThat(row(jdbc, first)).containsEntry("status", "SENT");
        assertThat(((Number) row(jdbc, first).get("attempts")).intValue()).isEqualTo(1);

        // Inside a transaction the marks could not be committed before the mail goes out: refused.
        assertThatThrownBy(() -> new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                .executeWithoutResult(status -> outbox.recordHandover(null, at, second.id())))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Map<String, Object> row(JdbcTemplate jdbc, OutboxMail mail) {
        return jdbc.queryForMap("select status, attempts, sent_at, text_body from mail_outbox where id = ?", mail.id());
    }

    private static OutboxMail mail(String text) {
        String id = UUID.randomUUID().toString();
        return new OutboxMail(id, "outbox-test:" + id, null, "someone@demo.citizendata.example", MailKind.PROCESS_MESSAGE,
                true, "A subject", text, "<p>" + text + "</p>", MailStatus.QUEUED, 0, null, Instant.now(), null);
    }
}
