-- The hospital's branding (issue 20, item 9; docs/admin-console.md "Branding"): its name, its
-- logo and its accent colour, set on the console's Branding page and shown on every page of
-- the staff and guest client. One row; a null part is unset, and the pages look as
-- Consilium's own do. The logo is checked when uploaded (PNG or JPEG, decoded, at most
-- 256 KiB); its type, size and SHA-256 are kept beside it so that it is never decoded again.
create table branding (
    id               smallint                 primary key check (id = 1),
    hospital_name    varchar(80),
    logo             bytea,
    logo_media_type  varchar(16),
    logo_width       integer,
    logo_height      integer,
    logo_sha256      char(64),
    accent_colour    char(7),
    changed_at       timestamp with time zone,
    changed_by       varchar(256),
    constraint branding_logo_ck check ((logo is null and logo_media_type is null and logo_width is null
        and logo_height is null and logo_sha256 is null)
        or (logo is not null and logo_media_type in ('image/png', 'image/jpeg') and logo_width > 0
        and logo_height > 0 and logo_sha256 is not null)),
    constraint branding_accent_ck check (accent_colour is null or accent_colour like '#______')
);
insert into branding (id) values (1);
