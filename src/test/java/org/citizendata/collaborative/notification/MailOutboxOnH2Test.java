package org.citizendata.collaborative.notification;

import javax.sql.DataSource;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hand-over's statement on H2, the embedded default, as {@link MailOutboxTest} runs it on PostgreSQL. */
@EngineOnH2Test
class MailOutboxOnH2Test {

    @Autowired
    MailOutbox outbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void eachStepOfAHandoverIsOneStatementThatMarksTheSentMailAndTakesTheNext() {
        MailOutboxTest.handoverSteps(outbox, jdbc, dataSource);
    }
}
