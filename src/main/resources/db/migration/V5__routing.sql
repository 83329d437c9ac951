-- Routing: skills, agents' presence and capacity, requirement profiles, routed work and callbacks.
-- Runs unchanged on H2 and PostgreSQL.

create table routing_skill (
    id       varchar(60)  primary key,
    name_nl  varchar(200) not null,
    name_en  varchar(200) not null
);

-- load_units: the share of the agent's capacity in use, out of 840 (divisible by 1..8 open contacts per channel);
-- the check is the last guard against an agent over capacity, whatever node assigns.
create table routing_agent (
    agent_id          varchar(200) primary key,
    presence          varchar(10)  not null,
    presence_since    timestamp with time zone not null,
    languages         varchar(100) not null,
    brands            varchar(400) not null,
    load_units        integer      not null,
    last_assigned_at  timestamp with time zone,
    constraint routing_agent_presence check (presence in ('available', 'busy', 'away', 'offline')),
    constraint routing_agent_load check (load_units between 0 and 840)
);

create table routing_agent_skill (
    agent_id  varchar(200) not null references routing_agent(agent_id),
    skill_id  varchar(60)  not null references routing_skill(id),
    level     integer      not null,
    primary key (agent_id, skill_id),
    constraint routing_agent_skill_level check (level between 1 and 5)
);

-- How many open contacts of a channel fill an agent on their own; mixed channels add up their shares.
create table routing_agent_capacity (
    agent_id  varchar(200) not null references routing_agent(agent_id),
    channel   varchar(40)  not null,
    max_open  integer      not null,
    primary key (agent_id, channel),
    constraint routing_agent_capacity_max check (max_open between 0 and 8)
);

-- What a contact needs, from what is known of it: its queue (team), contact reason, topic (bot, contact page) or
-- IVR option.
create table routing_profile (
    kind       varchar(10)  not null,
    match_key  varchar(60)  not null,
    team_id    varchar(40)  references team(id),
    priority   integer      not null,
    primary key (kind, match_key),
    constraint routing_profile_kind check (kind in ('queue', 'reason', 'topic', 'ivr'))
);

create table routing_profile_skill (
    kind       varchar(10)  not null,
    match_key  varchar(60)  not null,
    skill_id   varchar(60)  not null references routing_skill(id),
    level      integer      not null,
    primary key (kind, match_key, skill_id),
    foreign key (kind, match_key) references routing_profile(kind, match_key),
    constraint routing_profile_skill_level check (level between 1 and 5)
);

-- One row per routed contact. rank_ms orders the queue: the time it entered, minus the head start its urgency and
-- segment give it, so that ageing needs no updates. skills is the snapshot of its requirements: skill=level,...
create table routing_work (
    id              uuid         primary key,
    conversation_id uuid         not null unique,
    customer_id     uuid         not null,
    channel         varchar(40)  not null,
    brand_id        varchar(40),
    language        varchar(5),
    queue           varchar(60)  not null,
    team_id         varchar(40),
    topic           varchar(60),
    skills          varchar(600) not null,
    urgency         integer      not null,
    segment         varchar(30),
    rank_ms         bigint       not null,
    status          varchar(12)  not null,
    agent_id        varchar(200),
    units           integer,
    enqueued_at     timestamp with time zone not null,
    assigned_at     timestamp with time zone,
    sticky_agent    varchar(200),
    sticky_until    timestamp with time zone,
    callback_id     uuid,
    constraint routing_work_status check (status in ('waiting', 'assigned', 'done', 'cancelled'))
);
create index routing_work_queue on routing_work(status, rank_ms);
create index routing_work_agent on routing_work(agent_id, status);

-- Who last handled a customer, for sending a repeat contact back to them.
create table routing_last_handler (
    customer_id  uuid         primary key,
    agent_id     varchar(200) not null,
    handled_at   timestamp with time zone not null
);

-- A customer's request to be called back, with its promise (promised_from .. promised_to). queue_rank: for a
-- callback that keeps a caller's place, the rank the call had in the queue.
create table callback (
    id                      uuid         primary key,
    customer_id             uuid         not null,
    phone                   varchar(32)  not null,
    kind                    varchar(10)  not null,
    origin                  varchar(20)  not null,
    reason                  varchar(500),
    topic                   varchar(60),
    urgency                 integer      not null,
    language                varchar(5),
    brand_id                varchar(40),
    status                  varchar(12)  not null,
    promised_from           timestamp with time zone not null,
    promised_to             timestamp with time zone not null,
    due_at                  timestamp with time zone not null,
    attempts                integer      not null,
    outcome                 varchar(20),
    linked_to               uuid         references callback(id),
    conversation_id         uuid,
    queue_rank              bigint,
    requested_at            timestamp with time zone not null,
    first_attempt_at        timestamp with time zone,
    ended_at                timestamp with time zone,
    version                 bigint       not null,
    constraint callback_kind check (kind in ('in_queue', 'scheduled')),
    constraint callback_status check (status in ('scheduled', 'queued', 'connected', 'failed', 'linked')),
    constraint callback_outcome check (outcome in ('connected', 'no_answer', 'voicemail', 'wrong_number'))
);
create index callback_due on callback(status, due_at);
create index callback_customer on callback(customer_id);

-- At most one pending callback per customer, on every node: a second request finds this row and is linked.
create table callback_pending (
    customer_id  uuid primary key,
    callback_id  uuid not null references callback(id)
);
