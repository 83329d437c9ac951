-- Phone menus, one per brand and dialled number. The tree (options with keys, labels and either a submenu or a
-- target team and requirement profile) is small and always read whole, so it is stored as one JSON document.
create table ivr_menu (
    id            uuid          primary key,
    brand_id      varchar(40)   not null references brand(id),
    phone_number  varchar(20)   not null,
    name          varchar(200)  not null,
    tree          varchar(100000) not null,
    updated_at    timestamp with time zone not null,
    constraint ivr_menu_number unique (brand_id, phone_number)
);

create index ivr_menu_by_number on ivr_menu (phone_number);
