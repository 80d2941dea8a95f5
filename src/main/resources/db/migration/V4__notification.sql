-- Mail goes through an outbox: written in the transaction of the action that causes it, sent
-- later by a job. The idempotency key keeps one mail per cause and recipient.
create table mail_outbox (
    id                varchar(64)    not null primary key,
    idempotency_key   varchar(255)   not null,
    recipient_user_id varchar(64),
    recipient_address varchar(320)   not null,
    kind              varchar(32)    not null,
    essential         boolean        not null,
    subject           varchar(255)   not null,
    text_body         varchar(65535) not null,
    html_body         varchar(65535) not null,
    status            varchar(16)    not null,
    attempts          integer        not null default 0,
    last_error        varchar(2000),
    created_at        timestamp      not null,
    sent_at           timestamp,
    digest_id         varchar(255),
    constraint mail_outbox_key_unique unique (idempotency_key),
    constraint mail_outbox_status_known check (status in
        ('QUEUED', 'SENT', 'KEPT', 'HELD', 'DIGESTED', 'SUPPRESSED', 'FAILED', 'DISCARDED'))
);

create index mail_outbox_status on mail_outbox (status, created_at);
create index mail_outbox_recipient on mail_outbox (recipient_user_id, status);

-- How each user wants mail; no row means immediately, everything.
create table mail_preference (
    user_id           varchar(64)  not null primary key,
    delivery          varchar(16)  not null default 'IMMEDIATE',
    non_essential_off boolean      not null default false,
    token             varchar(64)  not null,
    updated_at        timestamp    not null,
    constraint mail_preference_token_unique unique (token),
    constraint mail_preference_delivery_known check (delivery in ('IMMEDIATE', 'DAILY_DIGEST', 'DECISIONS_ONLY'))
);
