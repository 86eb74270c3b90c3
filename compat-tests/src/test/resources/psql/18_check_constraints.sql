create table ck (qty int check (qty > 0), amount numeric(10,2) check (amount >= 0), s text check (s <> ''), n int, m int, check (n < m), b boolean check (b is not null and qty between 1 and 10));
\d ck
select conname, pg_get_constraintdef(oid, true) from pg_constraint where conrelid = 'ck'::regclass order by conname;
select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = 'ck'::regclass and conname <> 'ck_check1' order by conname;
alter table ck add constraint ck_pos check (m >= 0);
select conname, pg_get_constraintdef(oid, true) from pg_constraint where conname = 'ck_pos';
drop table ck;
