package org.citizendata.collaborative.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.citizendata.collaborative.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox for the Secretariat: what was sent, kept, held or failed, and a resend for a mail
 * whose delivery gave up while the mail server was away.
 */
@RestController
@RequestMapping("/api/mail/outbox")
class MailController {

    private final MailOutbox outbox;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;

    MailController(MailOutbox outbox, RuntimeService runtimeService, ManagementService managementService) {
        this.outbox = outbox;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
    }

    record Summary(String id, Instant createdAt, String recipient, String address, MailKind kind, String subject,
            MailStatus status, int attempts, String lastError, Instant sentAt) {
    }

    @GetMapping
    ResponseEntity<?> latest(@RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (!user.isSecretariat()) {
            return forbidden();
        }
        List<Summary> mails = outbox.latest(500).stream().map(m -> new Summary(m.id(), m.createdAt(),
                m.recipientUserId(), m.recipientAddress(), m.kind(), m.subject(), m.status(), m.attempts(),
                m.lastError(), m.sentAt())).toList();
        return ResponseEntity.ok(mails);
    }

    @GetMapping("/{id}")
    ResponseEntity<?> mail(@PathVariable String id, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (!user.isSecretariat()) {
            return forbidden();
        }
        // The Secretariat reads what was sent, but never opens a one-time link in the recipient's place.
        return outbox.find(id).map(m -> new OutboxMail(m.id(), m.idempotencyKey(), m.recipientUserId(), m.recipientAddress(),
                m.kind(), m.essential(), m.subject(), OneTimeLinkText.withheld(m.textBody()),
                OneTimeLinkText.withheld(m.htmlBody()), m.status(), m.attempts(), m.lastError(), m.createdAt(), m.sentAt()))
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No mail " + id)));
    }

    /** Gives a delivery that ran out of retries (an incident) one more attempt. */
    @PostMapping("/{id}/resend")
    ResponseEntity<?> resend(@PathVariable String id, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (!user.isSecretariat()) {
            return forbidden();
        }
        OutboxMail mail = outbox.find(id).orElse(null);
        if (mail == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No mail " + id));
        }
        // The delivery of the mail's batch (or, for mail queued before batches, of the mail alone).
        ProcessInstance delivery = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(Notifications.DELIVERY_PROCESS).processInstanceBusinessKey(outbox.batchOf(id).orElse(id))
                .singleResult();
        Job stuck = delivery == null ? null : managementService.createJobQuery().processInstanceId(delivery.getId())
                .noRetriesLeft().singleResult();
        boolean waiting = mail.status() == MailStatus.QUEUED || mail.status() == MailStatus.SENDING;
        if (!waiting || stuck == null) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", "Mail " + id + " is " + mail.status()
                    + (mail.status() == MailStatus.FAILED ? ": the Secretariat's task for it says what to do" : "")
                    + (waiting ? ": its delivery is still being retried" : "")));
        }
        managementService.setJobRetries(stuck.getId(), 1);
        return ResponseEntity.accepted().body(Map.of("message", "Mail " + id + " will be sent again"));
    }

    private static ResponseEntity<Map<String, String>> forbidden() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "Only the Secretariat reads the outbox."));
    }
}
