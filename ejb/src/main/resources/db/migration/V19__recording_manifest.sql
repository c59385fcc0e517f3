-- A recording's manifest, signed when it stops (issue 22, item 3; requirement S9): the
-- canonical JSON (times, participants with every consent answer, each file's length, SHA-256
-- and completeness) and its ECDSA signature by the appliance's audit key in the HSM. The
-- export hands out exactly these bytes, so a later change to the rows above or to a file is
-- caught (the files are checked against it as they are copied). Null for a recording that
-- runs, or whose manifest could not be signed at its stop (then it is signed at export).
alter table recording add column manifest bytea;
alter table recording add column manifest_signature bytea;
