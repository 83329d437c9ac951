-- Preventive rules: a condition over the business-event stream and the actions it takes when it holds. The rule
-- itself is kept as JSON (its shape is checked by the application); version changes with every edit so that the
-- per-key state of an older version is not carried over.
create table preventive_rule (
    id          uuid          primary key,
    name        varchar(120)  not null,
    enabled     boolean       not null,
    definition  varchar       not null,
    version     integer       not null,
    created_by  varchar(200)  not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint preventive_rule_name unique (name)
);

-- What a rule remembers per key (device, parcel, order, customer), shared by all nodes: each evaluation locks its
-- row. due_at is set while an absence waits, so the sweep finds the waits that ran out.
create table preventive_rule_state (
    rule_id       uuid          not null references preventive_rule(id),
    rule_key      varchar(200)  not null,
    rule_version  integer       not null,
    state         varchar       not null,
    due_at        timestamp with time zone,
    updated_at    timestamp with time zone not null,
    primary key (rule_id, rule_key)
);
create index preventive_rule_state_due on preventive_rule_state(due_at);

-- One row per episode in which a rule's condition held for a key: the unique constraint is the claim that makes a
-- rule fire once per key per episode, whichever node saw it. action_state: pending, running, done.
create table preventive_rule_firing (
    id              uuid          primary key,
    rule_id         uuid          not null references preventive_rule(id),
    rule_key        varchar(200)  not null,
    episode_start   timestamp with time zone not null,
    fired_at        timestamp with time zone not null,
    customer_id     uuid,
    summary_nl      varchar(1000) not null,
    summary_en      varchar(1000) not null,
    action_state    varchar(20)   not null,
    claimed_at      timestamp with time zone,
    outcome         varchar(2000),
    created_at      timestamp with time zone not null,
    constraint preventive_rule_firing_once unique (rule_id, rule_key, episode_start),
    constraint preventive_rule_firing_state check (action_state in ('pending', 'running', 'done'))
);
create index preventive_rule_firing_rule on preventive_rule_firing(rule_id, fired_at);
create index preventive_rule_firing_pending on preventive_rule_firing(action_state, created_at);
