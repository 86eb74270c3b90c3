insert into account (email) values ('ada@example.com'), ('alan@example.com');
insert into orders (account_id, total) select id, 10.50 from account;
