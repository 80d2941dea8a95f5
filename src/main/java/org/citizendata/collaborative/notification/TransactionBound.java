package org.citizendata.collaborative.notification;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current transaction, created at its first use (the batch of
 * mail a transaction delivers, the new tasks whose mail it queues), with work to do on it just
 * before the transaction commits. A transaction started inside it (REQUIRES_NEW) has a value of
 * its own.
 */
final class TransactionBound<T> {

    private final Supplier<T> create;
    private final Consumer<T> beforeCommit;

    TransactionBound(Supplier<T> create, Consumer<T> beforeCommit) {
        this.create = create;
        this.beforeCommit = beforeCommit;
    }

    /** The current transaction's value; null outside a transaction. */
    @SuppressWarnings("unchecked")
    T current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        T bound = (T) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        T created = create.get();
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(TransactionBound.this, created);
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                // Still bound: what this work adds to the value, the work sees.
                beforeCommit.accept(created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
            }
        });
        return created;
    }
}
