-- The bot's side of a conversation: where its dialog stands (asked slot, collected details, tries, the question it
-- matched) as one JSON document per conversation, so any node continues the dialog, also after a restart. The row is
-- created in the transaction that gives the conversation to the bot and locked (select ... for update) while a
-- message is handled, so two messages of one conversation are handled one after the other, on any nodes. The phase
-- and last change let the idle sweep find dialogs the customer left. Runs unchanged on H2 and PostgreSQL.
create table bot_session (
    conversation_id  uuid          primary key references conversation(id),
    phase            varchar(20)   not null,
    state            varchar       not null,
    updated_at       timestamp with time zone not null
);
create index bot_session_idle on bot_session(phase, updated_at);
