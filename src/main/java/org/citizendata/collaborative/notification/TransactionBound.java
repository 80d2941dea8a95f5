package org.citizendata.collaborative.notification;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current transaction, created at its first use (the batch of
 * mail a transaction delivers, the new tasks whose mail it queues), with work to do on it just
 * before the transaction commits. A transaction started inside it (REQUIRES_NEW) has a value of
 * its own. Once that work is done, {@link #current} answers as outside a transaction, so that
 * what comes later in the commit is not added to a value nobody reads (a value without such work
 * can be used until the transaction ends). A savepoint rolled back
 * (PROPAGATION_NESTED) does not take back what was added to the value inside it.
 */
final class TransactionBound<T> {

    /** Bound in place of the value once its work before the commit is done. */
    private static final Object DONE = new Object();

    private final Supplier<T> create;
    private final Consumer<T> beforeCommit;

    TransactionBound(Supplier<T> create, Consumer<T> beforeCommit) {
        this.create = create;
        this.beforeCommit = beforeCommit;
    }

    /** A value with no work before the commit: it can be used until the transaction ends. */
    TransactionBound(Supplier<T> create) {
        this(create, null);
    }

    /** The current transaction's value; null outside a transaction, and once its work before the commit is done. */
    @SuppressWarnings("unchecked")
    T current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound == DONE ? null : (T) bound;
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
                if (beforeCommit == null) {
                    return;
                }
                // Still bound: what this work adds to the value, the work sees.
                beforeCommit.accept(created);
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
                TransactionSynchronizationManager.bindResource(TransactionBound.this, DONE);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
            }
        });
        return created;
    }
}
