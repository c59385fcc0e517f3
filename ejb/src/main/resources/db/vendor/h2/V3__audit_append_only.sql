-- H2 serves only the one-command demo run. Append-only enforcement lives in the
-- PostgreSQL migration of the same version (the appliance and the tests use PostgreSQL).
comment on table audit_event is 'append-only: enforced on PostgreSQL (db/vendor/postgresql/V3)';
