-- A customer's segment (e.g. vip, business), set through the API; incident audiences select by it.
alter table customer add column segment varchar(30);
create index customer_segment on customer (segment);
