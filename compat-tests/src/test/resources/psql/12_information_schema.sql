create table is_t (id int primary key, name varchar(30) not null, price numeric(8,2), created timestamp default now(), flag boolean);
select table_schema, table_name, table_type from information_schema.tables where table_schema = 'public' and table_name = 'is_t';
select column_name, ordinal_position, is_nullable, data_type, character_maximum_length, numeric_precision, numeric_scale from information_schema.columns where table_name = 'is_t' order by ordinal_position;
select schema_name from information_schema.schemata where schema_name = 'public';
select constraint_name, constraint_type from information_schema.table_constraints where table_name = 'is_t' and constraint_type in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') order by 1;
select column_name from information_schema.key_column_usage where table_name = 'is_t';
select count(*) > 0 from information_schema.columns where table_schema = 'pg_catalog';
