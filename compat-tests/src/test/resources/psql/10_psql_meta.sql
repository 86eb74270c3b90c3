create table meta_a (id int primary key, v text);
create table meta_b (id int);
create view meta_v as select id from meta_a;
create schema meta_s;
\dt
\dt meta_a
\dn
\du
\dv
