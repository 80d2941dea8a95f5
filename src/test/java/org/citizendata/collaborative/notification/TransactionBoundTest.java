package org.citizendata.collaborative.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A value per transaction, with its work done just before the commit (the mail of a transaction's new tasks). */
class TransactionBoundTest {

    final List<List<String>> committed = new ArrayList<>();
    final TransactionBound<List<String>> bound = new TransactionBound<>(ArrayList::new, committed::add);
    final TransactionTemplate transaction = new TransactionTemplate(transactions());

    @Test
    void eachTransactionHasOneValueWhoseWorkIsDoneBeforeItCommitsAndNotWhenItRollsBack() {
        assertThat(bound.current()).isNull(); // outside a transaction

        transaction.executeWithoutResult(status -> {
            bound.current().add("first task");
            bound.current().add("second task");
            assertThat(committed).isEmpty();
        });
        assertThat(committed).containsExactly(List.of("first task", "second task"));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            bound.current().add("rolled back");
            throw new IllegalStateException("the action failed");
        })).hasMessage("the action failed");
        assertThat(committed).hasSize(1);
        transaction.executeWithoutResult(status -> assertThat(bound.current()).isEmpty()); // nothing left from it
        assertThat(committed).hasSize(2);
    }

    @Test
    void whatComesAfterTheWorkInTheCommitIsNotAddedToAValueNobodyReads() {
        List<Object> seenAfterTheWork = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            bound.current().add("a task");
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    seenAfterTheWork.add(String.valueOf(bound.current()));
                }
            });
        });
        assertThat(committed).containsExactly(List.of("a task"));
        assertThat(seenAfterTheWork).containsExactly("null"); // as outside a transaction: its caller acts at once
    }

    @Test
    void aTransactionStartedInsideAnotherHasAValueOfItsOwn() {
        TransactionTemplate inner = new TransactionTemplate(transaction.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transaction.executeWithoutResult(status -> {
            bound.current().add("outer");
            inner.executeWithoutResult(nested -> bound.current().add("inner"));
            bound.current().add("outer again");
        });
        assertThat(committed).containsExactly(List.of("inner"), List.of("outer", "outer again"));
    }

    private static DataSourceTransactionManager transactions() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:transaction-bound;DB_CLOSE_DELAY=-1");
        return new DataSourceTransactionManager(dataSource);
    }
}
