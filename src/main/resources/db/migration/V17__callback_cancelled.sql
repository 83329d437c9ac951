-- A customer or agent may cancel a callback that is still waiting for its time.
alter table callback drop constraint callback_status;
alter table callback add constraint callback_status
    check (status in ('scheduled', 'queued', 'connected', 'failed', 'linked', 'cancelled'));
