package org.citizendata.collaborative.platform;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/** The next number of a database sequence (Flyway creates them), on PostgreSQL or H2 alike. */
@Component
public class KeySequences {

    private final DataSource dataSource;
    private final boolean postgres;
    private final Map<String, DataFieldMaxValueIncrementer> incrementers = new ConcurrentHashMap<>();

    KeySequences(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.postgres = "PostgreSQL".equals(jdbc.execute((Connection c) -> c.getMetaData().getDatabaseProductName()));
    }

    public long next(String sequence) {
        return incrementers.computeIfAbsent(sequence, name -> postgres
                ? new PostgresSequenceMaxValueIncrementer(dataSource, name)
                : new H2SequenceMaxValueIncrementer(dataSource, name)).nextLongValue();
    }
}
