-- Co-lead terms and elections (ToR: co-leads rotate every two years, elected by the Steering
-- Committee members; one co-lead may stay for an extra year for continuity).
create table co_lead_term (
    id              varchar(64) not null primary key,
    organisation_id varchar(64) not null references organisation (id),
    starts_on       date        not null,
    -- the first day the term no longer covers: the next term starts on it
    ends_on         date        not null,
    extended        boolean     not null default false,
    election_key    varchar(32),
    constraint co_lead_term_dates check (ends_on > starts_on)
);

create index co_lead_term_dates on co_lead_term (starts_on, ends_on);

create table election (
    election_key        varchar(32)   not null primary key,
    -- the terms it fills start on this day; one election per day
    term_starts_on      date          not null,
    term_ends_on        date          not null,
    seats               integer       not null,
    outgoing            varchar(500)  not null,
    status              varchar(16)   not null,
    nomination_round    integer       not null default 0,
    extended_organisation varchar(64) references organisation (id),
    opened_by           varchar(64)   not null,
    opened_at           timestamp     not null,
    result              varchar(4000),
    certified_by        varchar(64),
    certified_at        timestamp,
    process_instance_id varchar(64),
    constraint election_term_unique unique (term_starts_on),
    constraint election_status_known check (status in
        ('CONTINUITY', 'NOMINATING', 'VOTING', 'CERTIFYING', 'CERTIFIED', 'INSTALLED'))
);

create table election_nomination (
    election_key      varchar(32) not null references election (election_key),
    round             integer     not null,
    nominee           varchar(64) not null references organisation (id),
    nominated_by      varchar(64) not null references organisation (id),
    nominated_by_user varchar(64) not null,
    nominated_at      timestamp   not null,
    primary key (election_key, round, nominated_by)
);

create table election_candidate (
    election_key varchar(32) not null references election (election_key),
    organisation_id varchar(64) not null references organisation (id),
    answer       varchar(16) not null,
    answered_by  varchar(64),
    answered_at  timestamp,
    primary key (election_key, organisation_id),
    constraint election_candidate_answer_known check (answer in ('PENDING', 'ACCEPTED', 'DECLINED', 'NO_ANSWER'))
);

create table election_ballot (
    id           varchar(64)   not null primary key,
    election_key varchar(32)   not null references election (election_key),
    round        integer       not null,
    seats        integer       not null,
    candidates   varchar(1000) not null,
    electorate   integer       not null,
    opened_at    timestamp     not null,
    closes_at    timestamp     not null,
    closed_at    timestamp,
    result       varchar(2000),
    constraint election_ballot_round unique (election_key, round)
);

-- Who voted (the turnout), never what they chose.
create table election_turnout (
    ballot_id       varchar(64) not null references election_ballot (id),
    organisation_id varchar(64) not null references organisation (id),
    cast_by         varchar(64) not null,
    cast_at         timestamp   not null,
    primary key (ballot_id, organisation_id)
);

-- What was chosen, never by whom or when: one row per candidate marked on a ballot paper.
create table election_choice (
    id           varchar(64) not null primary key,
    ballot_id    varchar(64) not null references election_ballot (id),
    candidate    varchar(64) not null references organisation (id)
);

create index election_choice_ballot on election_choice (ballot_id);
