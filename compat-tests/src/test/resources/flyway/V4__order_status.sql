alter table orders add column status varchar(20) not null default 'new';
comment on column orders.status is 'new, paid or shipped';
create view order_totals as select account_id, sum(total) as total from orders group by account_id;
