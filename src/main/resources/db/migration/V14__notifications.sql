-- Proactive notifications (proactive.notice). A kind names a notification and the placeholders its templates may
-- use; a template is one wording of a kind per channel ('any' = channel-neutral) and language.
create table notice_kind (
    name          varchar(80)   primary key,
    placeholders  varchar(1000) not null,
    updated_at    timestamp with time zone not null
);

create table notice_template (
    name                 varchar(80)   not null references notice_kind(name),
    channel              varchar(40)   not null,
    language             varchar(5)    not null,
    subject              varchar(300),
    body                 varchar(4000) not null,
    provider_template    varchar(512),
    provider_parameters  varchar(1000),
    updated_at           timestamp with time zone not null,
    updated_by           varchar(200),
    primary key (name, channel, language)
);

-- One row per customer per once key: the unique constraint is what makes a second send (on any node) a duplicate.
-- A queued row is due at due_at (after quiet hours or a volume limit); a node claims it with a lease (claimed_until);
-- once its message exists the row is 'sent' and points at it, and the message carries the delivery status.
create table notice (
    id             uuid          primary key,
    customer_id    uuid          not null,
    once_key       varchar(300)  not null,
    topic          varchar(200)  not null,
    template       varchar(80)   not null,
    brand_id       varchar(40),
    channel        varchar(40),
    language       varchar(5),
    fill_values    varchar(8000),
    state          varchar(10)   not null,
    outcome        varchar(20)   not null,
    skip_reason    varchar(500),
    due_at         timestamp with time zone not null,
    claimed_by     varchar(100),
    claimed_until  timestamp with time zone,
    attempts       integer       not null,
    message_id     uuid,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    constraint notice_once unique (customer_id, once_key),
    constraint notice_state check (state in ('queued', 'sent', 'skipped'))
);
create index notice_due on notice(state, due_at);
create index notice_topic on notice(topic, state);

-- Volume used per channel per minute or hour window, shared by all nodes (a conditional update takes one).
create table notice_volume (
    channel       varchar(40) not null,
    period        varchar(6)  not null,
    window_start  timestamp with time zone not null,
    used          integer     not null,
    primary key (channel, period, window_start)
);

-- The notifications other parts of Baken send (incidents, preventive rules); admins write their templates.
insert into notice_kind (name, placeholders, updated_at) values ('incident-update', 'title,status,expectedEnd', current_timestamp);
insert into notice_kind (name, placeholders, updated_at) values ('rule-warning', 'text', current_timestamp);
