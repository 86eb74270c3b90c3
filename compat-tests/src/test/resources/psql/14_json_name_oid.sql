create table jno (id int primary key, j json, jb jsonb, n name, o oid);
insert into jno values (1, '{"b":1,  "a":[1,2]}', '{"b":1,  "a":[1,2]}', 'pg_catalog', 4000000000);
insert into jno values (2, '[]', '{}', 'x', 0);
select * from jno order by id;
select id, n || '!' as shout, o::bigint + 1 as next from jno order by id;
select id from jno where n = 'x' and o = 0;
\d jno
drop table jno;
