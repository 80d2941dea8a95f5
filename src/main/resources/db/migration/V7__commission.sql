-- The UN Statistical Commission's sessions, as the Secretariat keeps them (domain.md: one session
-- a year, February–March; documents due 8 weeks before it opens), and each output's submission.
create table commission_session (
    session_number    integer not null primary key,
    opens_on          date    not null,
    closes_on         date    not null,
    document_deadline date    not null,
    constraint commission_session_dates check (closes_on >= opens_on and document_deadline <= opens_on)
);

alter table output add column track varchar(16);
alter table output add column track_override_reason varchar(2000);
alter table output add column session_number integer references commission_session (session_number);
alter table output add column commission_outcome varchar(16);
alter table output add column commission_requests varchar(8000);
alter table output drop constraint output_status_known;
alter table output add constraint output_status_known check (status in
    ('IN_REVIEW', 'DISPOSITION', 'DISPOSED', 'APPROVED', 'REJECTED', 'SCHEDULED', 'SUBMITTED', 'ADOPTED', 'NOTED', 'RETURNED'));
