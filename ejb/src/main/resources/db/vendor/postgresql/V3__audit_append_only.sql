-- Append-only, enforced by PostgreSQL (REQUIREMENTS D1): the server's role may insert and
-- read audit rows, never change or remove them. Two locks: the privileges are revoked
-- (Flyway runs as the server's role, which owns the tables), and a trigger refuses
-- UPDATE, DELETE and TRUNCATE for everyone, owner included. A superuser can still get
-- round both; the hash chain and the HSM-signed checkpoints show it when they do.
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_refuse_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_refuse_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function audit_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_refuse_change();

revoke update, delete, truncate on audit_event, audit_checkpoint from public;
revoke update, delete, truncate on audit_event, audit_checkpoint from current_user;
