-- Workstreams (ToR: proposed and led by members, approved by the Steering Committee, with terms
-- of reference and an expected duration, reporting back regularly; leads may invite resource
-- persons). A proposal keeps its key when approved: the workstream has the same key.
create table workstream_proposal (
    proposal_key             varchar(64)   not null primary key,
    revision_of              varchar(64)   references workstream_proposal (proposal_key),
    title                    varchar(255)  not null,
    objectives               varchar(4000) not null,
    scope                    varchar(4000) not null,
    terms_of_reference       varchar(8000) not null,
    duration_months          integer       not null,
    deliverables             varchar(4000) not null,
    leads                    varchar(1000) not null,
    co_proposers             varchar(1000),
    proposer_user_id         varchar(64)   not null,
    proposer_organisation_id varchar(64)   not null references organisation (id),
    status                   varchar(16)   not null,
    returns                  integer       not null default 0,
    last_comments            varchar(4000),
    outcome                  varchar(16),
    tally                    varchar(1000),
    process_instance_id      varchar(64),
    created_at               timestamp     not null,
    updated_at               timestamp     not null,
    constraint workstream_proposal_status_known check (status in
        ('CHECKING', 'RETURNED', 'CONSISTENCY', 'CHANGES', 'VOTING', 'APPROVED', 'REJECTED', 'WITHDRAWN'))
);

create table workstream_resource_person (
    id           varchar(64)   not null primary key,
    proposal_key varchar(64)   not null references workstream_proposal (proposal_key),
    name         varchar(255)  not null,
    email        varchar(320)  not null,
    expertise    varchar(1000),
    answer       varchar(16)   not null default 'PROPOSED',
    constraint resource_person_answer_known check (answer in ('PROPOSED', 'INVITED', 'ACCEPTED', 'DECLINED'))
);

create table workstream (
    workstream_key   varchar(64)  not null primary key references workstream_proposal (proposal_key),
    title            varchar(255) not null,
    status           varchar(16)  not null,
    start_date       date         not null,
    planned_end      date         not null,
    reporting_months integer      not null,
    closed_at        timestamp,
    final_report     varchar(8000),
    constraint workstream_status_known check (status in ('ACTIVE', 'CLOSED'))
);

create table workstream_report (
    id             varchar(64)   not null primary key,
    workstream_key varchar(64)   not null references workstream (workstream_key),
    due_date       date          not null,
    progress       varchar(8000) not null,
    submitted_by   varchar(64)   not null,
    submitted_at   timestamp     not null,
    review         varchar(16),
    review_note    varchar(2000),
    constraint workstream_report_review_known check (review in ('ACKNOWLEDGED', 'RAISED'))
);

create sequence workstream_number start with 1;
