-- Guided flows: decision trees for customers (help center) and agents (desk). The steps are one JSON document,
-- checked as a whole when saved (every option leads to a step, every step reachable, no cycles), so they are
-- stored and replaced as a whole too. Runs unchanged on H2 and PostgreSQL.
create table guided_flow (
    id          uuid          primary key,
    title_nl    varchar(200)  not null,
    title_en    varchar(200)  not null,
    definition  varchar       not null,
    version     integer       not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(200)  not null
);
