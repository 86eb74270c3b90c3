create table cp (id int primary key, v text, n numeric(6,2), d date);
insert into cp values (1, 'plain', 1.5, '2024-01-01'), (2, null, null, null), (3, 'tab	and \ backslash', -2, '1999-12-31'), (4, 'comma, "quote"', 0, '2000-02-29');
copy cp to stdout;
copy cp (id, v) to stdout with (format csv, header);
copy (select id, v from cp where id > 2 order by id) to stdout with csv;
copy cp to stdout with (format csv, delimiter '|', null 'NULL');
copy nosuch to stdout;
