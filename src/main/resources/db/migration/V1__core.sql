-- Runs unchanged on H2 (MODE=PostgreSQL not required) and PostgreSQL.

create table brand (
    id          varchar(40)  primary key,
    name        varchar(200) not null
);

create table team (
    id          varchar(40)  primary key,
    name_nl     varchar(200) not null,
    name_en     varchar(200) not null,
    time_zone   varchar(60)  not null
);

-- A contact reason is what a contact was about; the flags feed the unnecessary-contact KPIs.
create table contact_reason (
    id              varchar(60)  primary key,
    name_nl         varchar(200) not null,
    name_en         varchar(200) not null,
    informational   boolean      not null,
    valence         varchar(20)  not null,
    constraint contact_reason_valence check (valence in ('satisfier', 'dissatisfier'))
);

create table customer (
    id                  uuid         primary key,
    display_name        varchar(200),
    preferred_channel   varchar(30),
    preferred_language  varchar(5),
    consent_proactive   boolean      not null,
    consent_whatsapp    boolean      not null,
    consent_marketing   boolean      not null,
    merged_into         uuid         references customer(id),
    created_at          timestamp with time zone not null
);

create table customer_identity (
    id           uuid         primary key,
    customer_id  uuid         not null references customer(id),
    kind         varchar(20)  not null,
    system       varchar(40)  not null,
    identity_value varchar(320) not null,
    created_at   timestamp with time zone not null,
    constraint customer_identity_unique unique (kind, system, identity_value),
    constraint customer_identity_kind check (kind in ('email', 'phone', 'whatsapp', 'web_visitor', 'external'))
);
create index customer_identity_customer on customer_identity(customer_id);

create table customer_brand (
    customer_id    uuid        not null references customer(id),
    brand_id       varchar(40) not null references brand(id),
    first_seen_at  timestamp with time zone not null,
    primary key (customer_id, brand_id)
);

create table customer_merge (
    id           uuid         primary key,
    survivor_id  uuid         not null references customer(id),
    merged_id    uuid         not null references customer(id),
    reason       varchar(500) not null,
    merged_by    varchar(200) not null,
    merged_at    timestamp with time zone not null,
    unmerged_by  varchar(200),
    unmerged_at  timestamp with time zone
);
create index customer_merge_merged on customer_merge(merged_id);

create table conversation (
    id                 uuid         primary key,
    customer_id        uuid         not null references customer(id),
    brand_id           varchar(40)  references brand(id),
    channel            varchar(40)  not null,
    team_id            varchar(40)  references team(id),
    assigned_agent     varchar(200),
    language           varchar(5),
    status             varchar(30)  not null,
    contact_reason_id  varchar(60)  references contact_reason(id),
    priority           integer      not null,
    subject            varchar(300),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    first_response_at  timestamp with time zone,
    resolved_at        timestamp with time zone,
    constraint conversation_status check (status in ('bot', 'queued', 'assigned', 'waiting_for_customer', 'resolved', 'closed'))
);
create index conversation_customer on conversation(customer_id, status);

create table message (
    id                   uuid         primary key,
    conversation_id      uuid         not null references conversation(id),
    channel              varchar(40)  not null,
    direction            varchar(10)  not null,
    author_kind          varchar(10)  not null,
    author_id            varchar(200),
    body_text            varchar      not null,
    body_html            varchar,
    attachments          varchar,
    provider_message_id  varchar(300),
    idempotency_key      varchar(200),
    delivery_status      varchar(20),
    sent_at              timestamp with time zone not null,
    created_at           timestamp with time zone not null,
    constraint message_provider_id unique (channel, provider_message_id),
    constraint message_idempotency unique (conversation_id, idempotency_key),
    constraint message_direction check (direction in ('inbound', 'outbound')),
    constraint message_author_kind check (author_kind in ('customer', 'bot', 'agent', 'system'))
);
-- message_idempotency (conversation_id, ...) also serves look-ups of a conversation's messages.

create table note (
    id               uuid          primary key,
    conversation_id  uuid          not null references conversation(id),
    author_id        varchar(200)  not null,
    body_text        varchar       not null,
    created_at       timestamp with time zone not null
);
create index note_conversation on note(conversation_id);

-- The contact-event log: append-only facts that every KPI is computed from.
create table contact_event (
    seq              bigint generated by default as identity primary key,
    id               uuid         not null,
    occurred_at      timestamp with time zone not null,
    conversation_id  uuid,
    customer_id      uuid,
    channel          varchar(40),
    type             varchar(40)  not null,
    actor_kind       varchar(10)  not null,
    actor_id         varchar(200),
    brand_id         varchar(40),
    team_id          varchar(40),
    queue            varchar(60),
    attributes       varchar      not null,
    constraint contact_event_actor_kind check (actor_kind in ('customer', 'bot', 'agent', 'system'))
);
create index contact_event_time on contact_event(occurred_at);
create index contact_event_conversation on contact_event(conversation_id, occurred_at);

create table api_token (
    id           uuid          primary key,
    name         varchar(200)  not null,
    token_hash   varchar(64)   not null unique,
    scopes       varchar(500)  not null,
    created_at   timestamp with time zone not null,
    revoked_at   timestamp with time zone
);

create table audit_log (
    id            uuid          primary key,
    occurred_at   timestamp with time zone not null,
    actor         varchar(200)  not null,
    action        varchar(60)   not null,
    subject_type  varchar(40)   not null,
    subject_id    varchar(100)  not null,
    details       varchar       not null
);
create index audit_log_subject on audit_log(subject_type, subject_id);
