-- Web chat visitors and what their widget shows. Each visitor's stream has its own gap-free sequence: appending
-- locks the visitor row, so positions commit in order and a widget resuming after position n (on any node) misses
-- nothing and sees nothing twice.
create table webchat_visitor (
    visitor_id   varchar(200)  primary key,
    brand_id     varchar(40),
    last_seq     bigint        not null,
    created_at   timestamp with time zone not null,
    -- typing indicators: when each side last said it was typing (shown for a few seconds)
    visitor_typing_at  timestamp with time zone,
    agent_typing_at    timestamp with time zone
);

create table webchat_event (
    visitor_id           varchar(200)  not null references webchat_visitor(visitor_id),
    seq                  bigint        not null,
    author               varchar(10)   not null,
    provider_message_id  varchar(300)  not null,
    message_id           uuid,
    conversation_id      uuid,
    body_text            varchar       not null,
    attachments          varchar,
    created_at           timestamp with time zone not null,
    primary key (visitor_id, seq),
    constraint webchat_event_provider_id unique (provider_message_id),
    constraint webchat_event_author check (author in ('visitor', 'agent'))
);
create index webchat_event_message on webchat_event(message_id);
create index webchat_event_conversation on webchat_event(conversation_id);

-- Files visitors sent; served to desk users who may open the conversation they belong to.
create table webchat_attachment (
    id               uuid          primary key,
    visitor_id       varchar(200)  not null,
    conversation_id  uuid,
    file_name        varchar(255)  not null,
    content_type     varchar(120)  not null,
    size_bytes       bigint        not null,
    content          bytea         not null,
    created_at       timestamp with time zone not null
);
create index webchat_attachment_visitor on webchat_attachment(visitor_id);
