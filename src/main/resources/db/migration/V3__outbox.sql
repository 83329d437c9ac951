-- Outbound messages waiting for their channel: any node may claim one (claimed_until is a lease, so a node that dies
-- mid-send releases it), sends are retried with backoff, and those that keep failing stay here as dead letters.
create table outbound_delivery (
    message_id       uuid          primary key,
    channel          varchar(40)   not null,
    state            varchar(10)   not null,
    attempts         integer       not null,
    next_attempt_at  timestamp with time zone not null,
    claimed_by       varchar(100),
    claimed_until    timestamp with time zone,
    last_error       varchar(1000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint outbound_delivery_state check (state in ('waiting', 'sent', 'dead'))
);
create index outbound_delivery_due on outbound_delivery(state, next_attempt_at);
