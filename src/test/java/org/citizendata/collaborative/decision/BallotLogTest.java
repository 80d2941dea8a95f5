package org.citizendata.collaborative.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ballot log on PostgreSQL: rows go in and never change or leave. */
class BallotLogTest extends PostgresApplicationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDatabaseRefusesToUpdateOrDeleteTheLog() {
        Integer events = jdbc.queryForObject("select count(*) from ballot_event", Integer.class);
        assertThat(events).isPositive();

        assertThatThrownBy(() -> jdbc.update("update ballot_event set detail = 'rewritten'"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from ballot_event"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");

        assertThat(jdbc.queryForObject("select count(*) from ballot_event", Integer.class)).isEqualTo(events);
        assertThat(jdbc.queryForObject("select count(*) from ballot_event where detail = 'rewritten'", Integer.class))
                .isZero();
    }
}
