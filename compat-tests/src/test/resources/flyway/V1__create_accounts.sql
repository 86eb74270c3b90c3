create table account (
    id bigserial primary key,
    email varchar(200) not null unique,
    created_at timestamptz not null default now()
);
create index account_created_idx on account (created_at);
