-- The directory of the Collaborative: organisations and the users who represent them.
-- Engine groups mirror it: one group per organisation ('org-' || id).
create table organisation (
    id                 varchar(64)  not null primary key,
    short_name         varchar(64)  not null,
    name               varchar(255) not null,
    category           varchar(64)  not null,
    country            varchar(100) not null,
    website            varchar(255),
    steering_committee boolean      not null default false,
    created_at         timestamp    not null default current_timestamp,
    updated_at         timestamp    not null default current_timestamp,
    constraint organisation_short_name_unique unique (short_name),
    constraint organisation_category_known check (category in (
        'CIVIL_SOCIETY_ORGANISATION', 'NATIONAL_STATISTICAL_OFFICE', 'LINE_MINISTRY',
        'HUMAN_RIGHTS_INSTITUTION', 'RESEARCH_INSTITUTION', 'PUBLIC_INSTITUTION',
        'PRIVATE_INSTITUTION', 'DEVELOPMENT_PARTNER', 'REGIONAL_OR_INTERNATIONAL_ORGANISATION'))
);

create table representative (
    user_id         varchar(64) not null primary key,
    organisation_id varchar(64) not null references organisation (id)
);

create index representative_organisation on representative (organisation_id);
