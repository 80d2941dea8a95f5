-- Outputs of workstreams (ToR: reviewed by the Collaborative's members, approved by the Steering
-- Committee, submitted to the Statistical Commission for approval or for information).
create table output (
    output_key      varchar(64)   not null primary key,
    workstream_key  varchar(64)   not null references workstream (workstream_key),
    title           varchar(255)  not null,
    output_type     varchar(32)   not null,
    document_url    varchar(2000) not null,
    summary         varchar(4000) not null,
    submitted_by    varchar(64)   not null,
    status          varchar(16)   not null,
    review_round    integer       not null default 1,
    review_deadline timestamp,
    created_at      timestamp     not null,
    constraint output_type_known check (output_type in
        ('METHODOLOGICAL_GUIDANCE', 'FRAMEWORK', 'CASE_STUDIES', 'PROGRESS_REPORT', 'OTHER')),
    constraint output_status_known check (status in ('IN_REVIEW', 'DISPOSITION', 'DISPOSED'))
);

-- One review per organisation and round; the organisations that did not answer are recorded too.
create table output_review (
    id               varchar(64)   not null primary key,
    output_key       varchar(64)   not null references output (output_key),
    review_round     integer       not null,
    organisation_id  varchar(64)   not null references organisation (id),
    reviewer         varchar(64),
    recommendation   varchar(32)   not null,
    general_comments varchar(8000),
    submitted_at     timestamp     not null,
    constraint output_review_once unique (output_key, review_round, organisation_id),
    constraint output_review_recommendation_known check (recommendation in
        ('ENDORSE', 'ENDORSE_WITH_CHANGES', 'DO_NOT_ENDORSE', 'NO_RESPONSE'))
);

-- Every comment, general or on a named section, answered by the lead. Comments are numbered
-- when the round closes, in the order they came in.
create table output_comment (
    id              varchar(64)   not null primary key,
    output_key      varchar(64)   not null references output (output_key),
    review_round    integer       not null,
    number          integer,
    organisation_id varchar(64)   not null,
    section         varchar(255),
    comment_text    varchar(8000) not null,
    disposition     varchar(16),
    response        varchar(8000),
    answered_by     varchar(64),
    answered_at     timestamp,
    constraint output_comment_number unique (output_key, review_round, number),
    constraint output_comment_disposition_known check (disposition in ('ACCEPTED', 'PARTLY_ACCEPTED', 'NOT_ACCEPTED'))
);

create sequence output_number start with 1;
