-- A transfer to an agent who is already full is followed (a person decided it), and the agent's load then passes
-- full, so that it comes down to the truth again when their work ends; routing still gives them nothing new until then.
alter table routing_agent drop constraint routing_agent_load;
alter table routing_agent add constraint routing_agent_load check (load_units >= 0);
