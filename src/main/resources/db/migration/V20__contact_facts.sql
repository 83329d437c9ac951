-- Per-contact facts for the unnecessary-contact KPIs (repeat, transfer, informational), derived from the
-- contact-event log so a dashboard over millions of contacts reads one row per contact instead of its events.
-- Teams and queues a contact passed are kept as '|a|b|' so a filter is one LIKE.
create table contact_fact (
    conversation_id        uuid         primary key,
    customer_id            uuid,
    canonical_customer_id  uuid,
    channel                varchar(40),
    brand_id               varchar(40),
    offered_at             timestamp with time zone not null,
    offered_ms             bigint       not null,
    teams                  varchar(1000) not null,
    queues                 varchar(1000) not null,
    reason                 varchar(60),
    informational          boolean,
    valence                varchar(20),
    assigned               boolean      not null,
    transferred_team       boolean      not null,
    transferred_any        boolean      not null
);
create index contact_fact_offered on contact_fact(offered_at);
create index contact_fact_canonical on contact_fact(canonical_customer_id);
create index contact_fact_customer on contact_fact(customer_id);

-- The customer's previous contact (merged customers as one), on any reason and on the same reason: what the repeat
-- KPI needs for any window. Recomputed set-based over all history when the definition or the merges change.
create table contact_fact_repeat (
    conversation_id        uuid         primary key,
    previous_any_id        uuid,
    previous_any_channel   varchar(40),
    gap_any_ms             bigint,
    previous_same_id       uuid,
    previous_same_channel  varchar(40),
    gap_same_ms            bigint
);

-- One row: how far the facts have read the log (by position, with a look-back), the definition they were computed
-- for and the customer merges they saw. The row is locked while facts are written, so two nodes take turns.
create table contact_fact_state (
    id            integer      primary key,
    watermark     bigint       not null,
    definition    varchar(200) not null,
    merges        varchar(200) not null,
    recomputed_at timestamp with time zone
);
insert into contact_fact_state (id, watermark, definition, merges) values (1, 0, '', '');
