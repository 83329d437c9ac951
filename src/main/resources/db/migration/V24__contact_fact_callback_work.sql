-- A callback's own conversation (the call the organisation makes back) is a contact, but never a repeat: the customer
-- did not come back, we called them as promised. The facts are read from the log again to fill the column.
alter table contact_fact add column callback_work boolean default false not null;
delete from contact_fact;
update contact_fact_state set watermark = 0, definition = '', merges = '', previous_stale = true, recomputed_at = null;
