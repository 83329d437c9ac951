-- Attachments that a channel received, kept in the database so every node can serve them. conversation_id is set
-- once the message is committed; until then the attachment is served to nobody.
create table channel_attachment (
    id                   uuid          primary key,
    channel              varchar(40)   not null,
    provider_message_id  varchar(300)  not null,
    part_index           integer       not null,
    conversation_id      uuid,
    file_name            varchar(255)  not null,
    content_type         varchar(120)  not null,
    size_bytes           bigint        not null,
    content              bytea         not null,
    created_at           timestamp with time zone not null,
    constraint channel_attachment_part unique (channel, provider_message_id, part_index)
);

-- Every e-mail Message-ID Baken knows, ours and the customers', with its conversation: replies are threaded by their
-- In-Reply-To and References headers. The original text (quoted history included) is kept for inbound mail, whose
-- message shows only the new part.
create table email_message (
    message_id       varchar(300)  primary key,
    conversation_id  uuid,
    kind             varchar(20)   not null,
    original_text    varchar,
    created_at       timestamp with time zone not null,
    constraint email_message_kind check (kind in ('inbound', 'outbound', 'auto-reply', 'bounce', 'loop'))
);

-- The reply token ([#ABC23XYZ] in the subject) of a conversation, for replies whose client dropped the headers.
create table email_reply_token (
    token            varchar(20)   primary key,
    conversation_id  uuid          not null unique,
    created_at       timestamp with time zone not null
);

-- One row per mailbox: the node that holds the lease fetches it; the rest is its status for admins.
create table email_mailbox (
    mailbox          varchar(200)  primary key,
    leased_by        varchar(100),
    leased_until     timestamp with time zone,
    last_fetch_at    timestamp with time zone,
    last_error       varchar(1000),
    last_error_at    timestamp with time zone,
    fetched          bigint        not null
);
