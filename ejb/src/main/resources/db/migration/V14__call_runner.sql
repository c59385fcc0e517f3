-- Which appliance runs each visit's call (docs/architecture.md, "Failover"). The cluster's
-- view decides quickly who takes a call over when a node dies; when the cluster is cut in two,
-- both halves may think the other dead, and this row settles it: every appliance must reach
-- the database to record anything, a take-over claims the row, and a node that finds another
-- has claimed a visit it runs hands its call over. seen_at is refreshed every 2 s by the runner.
create table call_runner (
    visit_id uuid                     primary key references visit (id) on delete cascade,
    node     varchar(255)             not null,
    seen_at  timestamp with time zone not null
);
