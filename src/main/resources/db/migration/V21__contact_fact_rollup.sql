-- The customer's previous contact (merged customers as one), on any reason and on the same reason, kept in the facts
-- themselves (no second table and join), and the contact's day in the reporting zone (Europe/Amsterdam) as epoch day.
alter table contact_fact add column offered_day integer;
alter table contact_fact add column previous_any_id uuid;
alter table contact_fact add column previous_any_channel varchar(40);
alter table contact_fact add column gap_any_ms bigint;
alter table contact_fact add column previous_same_id uuid;
alter table contact_fact add column previous_same_channel varchar(40);
alter table contact_fact add column gap_same_ms bigint;
create index contact_fact_day_of on contact_fact(offered_day);
create index contact_fact_customer_time on contact_fact(canonical_customer_id, offered_ms);
drop index contact_fact_canonical;
drop table contact_fact_repeat;

-- The facts counted per day for the current definitions (their default parameters), so the unnecessary-contact page
-- reads thousands of rows instead of millions. Rebuilt for the touched days with every catch-up, and all at once
-- after a definition change.
create table contact_fact_day (
    offered_day    integer      not null,
    channel        varchar(40),
    brand_id       varchar(40),
    teams          varchar(1000) not null,
    queues         varchar(1000) not null,
    reason         varchar(60),
    valence        varchar(20),
    contacts       bigint       not null,
    repeats        bigint       not null,
    handled        bigint       not null,
    transferred    bigint       not null,
    with_reason    bigint       not null,
    informational  bigint       not null,
    unnecessary    bigint       not null
);
create index contact_fact_day_day on contact_fact_day(offered_day);

-- Whether every contact's previous contact needs computing over all history (after a bulk load); the facts are read
-- from the log again, since the rows written before lack the day.
alter table contact_fact_state add column previous_stale boolean default true not null;
delete from contact_fact;
update contact_fact_state set watermark = 0, definition = '', merges = '', previous_stale = true, recomputed_at = null;
