\dx
\dL
create extension if not exists plpgsql;
create extension plpgsql;
drop extension if exists hstore;
drop extension hstore;
select name, default_version, installed_version, comment from pg_available_extensions where name = 'plpgsql';
select e.extname, n.nspname, e.extversion, d.description from pg_extension e join pg_namespace n on n.oid = e.extnamespace left join pg_description d on d.objoid = e.oid and d.classoid = 'pg_extension'::regclass;
select l.lanname, l.tableoid::regclass, l.lanispl, l.lanpltrusted from pg_language l order by 1;
select c.relname, c.tableoid = 'pg_class'::regclass from pg_class c where c.relname = 'pg_language';
