-- A mail being handed to the mail server (MailStatus.SENDING): a delivery cut off between the
-- hand-over and recording the answer leaves it so, and the next one asks the Secretariat instead
-- of sending it a second time.
alter table mail_outbox drop constraint mail_outbox_status_known;
alter table mail_outbox add constraint mail_outbox_status_known check (status in
    ('QUEUED', 'SENDING', 'SENT', 'KEPT', 'HELD', 'DIGESTED', 'SUPPRESSED', 'FAILED', 'DISCARDED'));
