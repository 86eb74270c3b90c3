create table s1 (id serial primary key, v text);
insert into s1 (v) values ('a'), ('b') returning id;
select pg_get_serial_sequence('s1', 'id'), pg_get_serial_sequence('s1', 'v');
select currval(pg_get_serial_sequence('s1', 'id'));
select nextval('s1_id_seq');
select setval(pg_get_serial_sequence('s1', 'id'), coalesce(max(id), 1), max(id) IS NOT null) from s1;
insert into s1 (v) values ('c') returning id;
\d s1
\ds
select d.refobjsubid, c.relname, d.deptype from pg_depend d join pg_class c on c.oid = d.refobjid where d.objid = 's1_id_seq'::regclass;
create table s2 (id bigserial, n smallserial);
\d s2
select sequencename, data_type, max_value from pg_sequences where sequencename like 's2%' order by 1;
begin;
create table s3 (id serial);
rollback;
\ds
begin;
drop table s1;
rollback;
\ds
drop table s1;
drop table s2;
\ds
create table s1 (id serial primary key, v text);
insert into s1 (v) values ('again') returning id;
drop table s1;
