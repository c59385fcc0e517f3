-- H2 serves only the one-command demo run and has no partial indexes; the PostgreSQL
-- migration of the same version makes the database refuse a second visit going on in one room.
comment on table visit is 'at most one visit going on per room: enforced by a partial unique index on PostgreSQL (db/vendor/postgresql/V5)';
