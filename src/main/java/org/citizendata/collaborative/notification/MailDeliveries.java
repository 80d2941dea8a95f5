package org.citizendata.collaborative.notification;

import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.citizendata.collaborative.platform.SystemActions;
import org.springframework.stereotype.Component;

/**
 * Starts deliveries. All the mail one transaction queues (a ballot that opens tells fourteen
 * representatives) makes one batch with one {@code mail-delivery} instance and one job, instead of
 * one of each per mail. The batch id is on each outbox row; the delivery sends the batch's queued mail.
 */
@Component
class MailDeliveries {

    /** The variable naming the batch of deliveries started before the batch became the business key. */
    static final String BATCH = "mailBatch";

    private final RuntimeService runtimeService;
    private final SystemActions systemActions;
    private final TransactionBound<Batch> batches = new TransactionBound<>(Batch::new);

    MailDeliveries(RuntimeService runtimeService, SystemActions systemActions) {
        this.runtimeService = runtimeService;
        this.systemActions = systemActions;
    }

    /** The batch of the current transaction; outside a transaction, a batch of its own. */
    Batch current() {
        Batch batch = batches.current();
        return batch != null ? batch : new Batch();
    }

    /** A mail of the batch was queued: its delivery starts with the first one (and runs after the commit). */
    void queued(Batch batch) {
        if (batch.started) {
            return;
        }
        batch.started = true;
        // The batch is the delivery's business key: no variable to write (nor its history).
        systemActions.withoutAuthorization(() -> runtimeService.startProcessInstanceByKey(Notifications.DELIVERY_PROCESS,
                batch.id));
    }

    static final class Batch {
        final String id = UUID.randomUUID().toString();
        private boolean started;
    }
}
