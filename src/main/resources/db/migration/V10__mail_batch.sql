-- The mail one action queues is delivered together: one delivery job for the batch.
-- Mail queued before this migration has no batch; its delivery names the mail itself.
alter table mail_outbox add column batch_id varchar(64);

create index mail_outbox_batch on mail_outbox (batch_id, status);
