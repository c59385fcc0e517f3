-- The reconnect grace as a room policy (admin console, docs/admin-console.md "Room policies"):
-- null until an administrator sets it; until then consilium.call.reconnect-grace applies.
alter table room_policy add column reconnect_grace_seconds bigint; -- null: consilium.call.reconnect-grace
