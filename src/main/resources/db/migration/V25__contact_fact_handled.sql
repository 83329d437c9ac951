-- The transfer rate counts contacts an agent handled (answered or resolved), not every contact that was assigned: one
-- given back unanswered (the agent went away) or abandoned while it rang was never handled. The facts are read from
-- the log again to fill the column.
alter table contact_fact drop column assigned;
alter table contact_fact add column handled boolean default false not null;
delete from contact_fact;
update contact_fact_state set watermark = 0, definition = '', merges = '', previous_stale = true, recomputed_at = null;
