-- WhatsApp template messages: an agent's message that goes out as an approved template (allowed outside the
-- 24-hour customer-service window) rather than as free text.
create table whatsapp_template_message (
    message_id   uuid          primary key,
    name         varchar(512)  not null,
    language     varchar(20)   not null,
    parameters   varchar(10000) not null
);

-- Calls reported by a telephony system (PBX, IVR, CTI): one conversation per call id.
create table telephony_call (
    call_id          varchar(100)  primary key,
    conversation_id  uuid          not null,
    created_at       timestamp with time zone not null
);

-- The raw call events as they arrived, once per (call, event id), in any order; the conversation's contact events
-- are derived from them in time order.
create table telephony_call_event (
    call_id      varchar(100)  not null,
    event_id     varchar(100)  not null,
    type         varchar(30)   not null,
    occurred_at  timestamp with time zone not null,
    received_at  timestamp with time zone not null,
    details      varchar(4000) not null,
    primary key (call_id, event_id)
);

-- Which derived contact events a call already wrote to the (append-only) contact-event log.
create table telephony_derived_event (
    call_id     varchar(100)  not null,
    derivation  varchar(250)  not null,
    primary key (call_id, derivation)
);
