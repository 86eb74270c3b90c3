create table is_t (id int primary key, name varchar(30) not null, price numeric(8,2), created timestamp default now(), flag boolean);
select table_schema, table_name, table_type from information_schema.tables where table_schema = 'public' and table_name = 'is_t';
select column_name, ordinal_position, is_nullable, data_type, character_maximum_length, numeric_precision, numeric_scale from information_schema.columns where table_name = 'is_t' order by ordinal_position;
select schema_name from information_schema.schemata where schema_name = 'public';
select constraint_name, constraint_type from information_schema.table_constraints where table_name = 'is_t' and constraint_type in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') order by 1;
select column_name from information_schema.key_column_usage where table_name = 'is_t';
select count(*) > 0 from information_schema.columns where table_schema = 'pg_catalog';
create table tp1 (a int, b timestamp, c timestamptz, d varchar(5), e numeric(8,2), f int[], g text, h double precision, j time, k serial, l char(3), m bigint default 7, n json);
select column_name, data_type, udt_name, datetime_precision, numeric_precision, numeric_precision_radix, numeric_scale, character_maximum_length, character_octet_length, dtd_identifier, is_updatable, collation_name, column_default, is_identity, is_nullable from information_schema.columns where table_name='tp1' order by ordinal_position;
select table_catalog, udt_catalog, udt_schema, is_generated, is_self_referencing from information_schema.columns where table_name = 'tp1' and column_name = 'a';
select grantor, grantee, table_catalog, table_schema, privilege_type, is_grantable, with_hierarchy from information_schema.table_privileges where table_name='tp1';
\d tp1
