-- Membership (ToR: members are invited through bi-annual membership drives following information
-- sessions; interested parties may also reach out to the Secretariat at any time).
create table membership_drive (
    drive_key           varchar(32)   not null primary key,
    status              varchar(16)   not null,
    -- 1 while the drive is open, null once closed: the unique constraint keeps one drive open.
    open_slot           integer,
    opened_by           varchar(64)   not null,
    opened_at           timestamp     not null,
    window_closes_at    timestamp     not null,
    closed_at           timestamp,
    announcement        varchar(4000),
    summary             varchar(8000),
    process_instance_id varchar(64),
    constraint membership_drive_one_open unique (open_slot),
    constraint membership_drive_status_known check (status in ('OPEN', 'CLOSED')),
    constraint membership_drive_slot check ((status = 'OPEN' and open_slot = 1) or (status = 'CLOSED' and open_slot is null))
);

create table information_session (
    id        varchar(64)  not null primary key,
    drive_key varchar(32)  not null references membership_drive (drive_key),
    starts_at timestamp    not null,
    link      varchar(500) not null
);

create table membership_application (
    reference           varchar(32)   not null primary key,
    -- null: an off-cycle application, received while no drive was open
    drive_key           varchar(32)   references membership_drive (drive_key),
    organisation_name   varchar(255)  not null,
    category            varchar(64)   not null,
    country             varchar(100)  not null,
    website             varchar(255)  not null,
    web_domain          varchar(255)  not null,
    contact_name        varchar(200)  not null,
    contact_email       varchar(320)  not null,
    engagement          varchar(16)   not null,
    motivation          varchar(4000) not null,
    contribution        varchar(4000) not null,
    communities         varchar(4000) not null,
    status              varchar(24)   not null,
    eligibility         varchar(16),
    eligibility_reason  varchar(1000),
    duplicate_note      varchar(2000),
    decision_note       varchar(4000),
    decided_by          varchar(64),
    organisation_id     varchar(64)   references organisation (id),
    user_id             varchar(64),
    process_instance_id varchar(64),
    submitted_at        timestamp     not null,
    decided_at          timestamp,
    constraint membership_application_status_known check (status in
        ('SCREENING', 'INFORMATION_REQUESTED', 'ADMITTED', 'DECLINED'))
);

create index membership_application_drive on membership_application (drive_key);
create index membership_application_domain on membership_application (web_domain);

-- The Secretariat's questions to an applicant and the answers, in order.
create table application_exchange (
    id          varchar(64)   not null primary key,
    reference   varchar(32)   not null references membership_application (reference),
    question    varchar(4000) not null,
    asked_by    varchar(64)   not null,
    asked_at    timestamp     not null,
    answer      varchar(4000),
    answered_at timestamp
);

-- Links sent by mail that work once and expire; only a hash of the secret is stored.
create table one_time_link (
    token_hash varchar(64) not null primary key,
    purpose    varchar(16) not null,
    subject    varchar(64) not null,
    created_at timestamp   not null,
    expires_at timestamp   not null,
    used_at    timestamp,
    constraint one_time_link_purpose_known check (purpose in ('INFORMATION', 'PASSWORD'))
);

create index one_time_link_subject on one_time_link (purpose, subject);

-- Every post of the public application page, by client address, for its rate limit.
create table application_attempt (
    address      varchar(64) not null,
    attempted_at timestamp   not null
);

create index application_attempt_address on application_attempt (address, attempted_at);

create sequence application_number start with 1;
