-- Authorities ("bevoegdheden"): actions an organisation lets its people run through an integration, and up to which
-- amount each role may run them without approval.
create table authority_action (
    id           varchar(40)   primary key,
    name_nl      varchar(200)  not null,
    name_en      varchar(200)  not null,
    integration  varchar(40)   not null,
    path         varchar(200)  not null,
    with_amount  boolean       not null
);

create table role_authority (
    role         varchar(20)   not null,
    action_id    varchar(40)   not null references authority_action(id),
    limit_cents  bigint,
    primary key (role, action_id)
);

create table action_request (
    id               uuid          primary key,
    action_id        varchar(40)   not null references authority_action(id),
    conversation_id  uuid          not null,
    customer_id      uuid          not null,
    team_id          varchar(40),
    requested_by     varchar(200)  not null,
    amount_cents     bigint,
    details          varchar(2000),
    status           varchar(20)   not null,
    decided_by       varchar(200),
    decided_at       timestamp with time zone,
    result           varchar(1000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint action_request_status check (status in ('pending_approval', 'approved', 'executed', 'failed', 'rejected'))
);
create index action_request_status on action_request(status, team_id);
create index action_request_conversation on action_request(conversation_id);
