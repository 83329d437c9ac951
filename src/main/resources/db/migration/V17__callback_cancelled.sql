-- A customer or agent may cancel a callback that is still waiting for its time.
alter table callback drop constraint callback_status;
alter table callback add constraint callback_status
    check (status in ('scheduled', 'queued', 'connected', 'failed', 'linked', 'cancelled'));
-- The conversation the customer asked in (web chat, e-mail, WhatsApp): their confirmations go there, also after the
-- callback became a phone conversation of its own.
alter table callback add column request_conversation_id uuid;
