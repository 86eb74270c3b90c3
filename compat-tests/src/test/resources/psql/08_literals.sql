create table blobs (id int primary key, data bytea, tags text[], doc jsonb, nums int[]);
insert into blobs values (1, '\xdeadbeef', '{a,b,"c d"}', '{"k": [1, 2]}', '{1,2,NULL}');
insert into blobs (id, data) values (2, 'abc');
select id, data, tags, nums from blobs order by id;
select '\x0102'::bytea, '{1,2,3}'::int[], '{x,y}'::text[];
select array_length(nums, 1), cardinality(tags) from blobs where id = 1;
select nums[1], tags[3] from blobs where id = 1;
select 1 = any(nums) from blobs where id = 1;
