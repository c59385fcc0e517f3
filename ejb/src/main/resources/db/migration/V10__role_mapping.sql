-- The group -> role mapping an administrator put in place of the configured one (admin
-- console, docs/admin-console.md "Directory and roles"): one row; mapping null = none, the
-- server configuration's mapping applies. Lines "group TAB role,role".
create table role_mapping (
    id         smallint                 primary key check (id = 1),
    mapping    text,
    changed_at timestamp with time zone,
    changed_by varchar(256)
);
insert into role_mapping (id) values (1);
