create type mood as enum ('sad', 'ok', 'happy');
create table person (name text, current_mood mood);
insert into person values ('a', 'ok');
select * from person;
insert into person values ('b', 'grumpy');
select 'grumpy'::mood;
select * from person where current_mood = 'meh';
create type mood as enum ('x');
select null::no_such_type;
select current_mood, name from person \gdesc
\d person
\dT
select t.typname, t.typtype, t.typcategory, e.enumlabel, e.enumsortorder from pg_enum e join pg_type t on t.oid = e.enumtypid order by e.enumsortorder;
select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'person'::regclass and attname = 'current_mood';
drop table person;
drop type mood;
drop type mood;
