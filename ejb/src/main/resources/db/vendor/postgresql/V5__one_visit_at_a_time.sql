-- A room has at most one visit going on: the application checks it, and the database
-- refuses a second one even if two requests race. (H2, the demo database, has no partial
-- indexes; there the application's check stands alone.)
create unique index visit_one_going_on_per_room_uk on visit (room_id) where ended_at is null;
