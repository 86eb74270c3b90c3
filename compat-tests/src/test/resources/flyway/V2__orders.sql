create table orders (
    id bigserial primary key,
    account_id bigint not null references account (id) on delete cascade,
    total numeric(12, 2) not null check (total >= 0),
    note text
);
comment on table orders is 'one row per order';
