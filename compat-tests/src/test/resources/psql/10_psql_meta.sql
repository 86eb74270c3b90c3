create table meta_a (id int primary key, v text);
create table meta_b (id int);
create view meta_v as select id from meta_a;
create schema meta_s;
\l
\d
\dt
\dt meta_a
\dn
\du
\dv
create table meta_c (id int primary key, name text not null default 'x', a_id int references meta_a(id), n int check (n > 0), code varchar(10) unique);
create index meta_c_n_idx on meta_c (n);
\d meta_a
\d meta_c
\di
\ds
\df
\dT
\db
\dD
\dx
\d+ meta_c
\d+ meta_a
drop database template0;
