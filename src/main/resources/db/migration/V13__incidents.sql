-- Business events from the organisation's systems (shop, carrier, network, devices), stored once per sender's id.
-- The subject fields are columns so incidents can find the customers behind order ids, postcodes, products and
-- devices; the whole event is kept as canonical JSON, whose hash tells a retry from a different event with the same id.
create table business_event (
    id                    uuid          primary key,
    event_id              varchar(200)  not null,
    type                  varchar(40)   not null,
    occurred_at           timestamp with time zone not null,
    received_at           timestamp with time zone not null,
    customer_id           uuid,
    order_id              varchar(200),
    parcel_id             varchar(200),
    device_id             varchar(200),
    postcode              varchar(10),
    postcode_area         integer,
    product               varchar(200),
    content               varchar(100000) not null,
    content_hash          varchar(64)   not null,
    constraint business_event_sender_id unique (event_id)
);

create index business_event_by_order on business_event (order_id);
create index business_event_by_area on business_event (postcode_area);
create index business_event_by_product on business_event (product);
create index business_event_by_device on business_event (device_id);
create index business_event_by_customer on business_event (customer_id, occurred_at);

-- Incidents: what went wrong, for whom (the audience query, as JSON) and what customers are told.
create table incident (
    id            uuid          primary key,
    brand_id      varchar(40)   references brand(id),
    kind          varchar(30)   not null,
    title_nl      varchar(200)  not null,
    title_en      varchar(200)  not null,
    audience      varchar(20000) not null,
    state         varchar(10)   not null,
    updates       integer       not null,
    started_at    timestamp with time zone not null,
    ended_at      timestamp with time zone,
    created_by    varchar(200)  not null
);

create index incident_by_state on incident (state, started_at);

-- Every status customers were told, numbered from 1 (the declaration); the last one is the current status.
create table incident_update (
    incident_id   uuid          not null references incident(id),
    seq           integer       not null,
    status_nl     varchar(2000) not null,
    status_en     varchar(2000) not null,
    expected_end  timestamp with time zone,
    posted_at     timestamp with time zone not null,
    posted_by     varchar(200)  not null,
    audience_size integer       not null,
    primary key (incident_id, seq)
);

-- The affected customers as resolved at each update (an update may add customers, never removes one).
create table incident_customer (
    incident_id   uuid          not null references incident(id),
    customer_id   uuid          not null,
    added_at      timestamp with time zone not null,
    primary key (incident_id, customer_id)
);

create index incident_customer_by_customer on incident_customer (customer_id);

-- Conversations of affected customers during the incident; answered_seq is the last status the bot gave in it.
create table incident_link (
    incident_id     uuid        not null references incident(id),
    conversation_id uuid        not null,
    customer_id     uuid        not null,
    linked_at       timestamp with time zone not null,
    answered_seq    integer     not null,
    primary key (incident_id, conversation_id)
);
