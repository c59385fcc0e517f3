-- The appliance settings an administrator changes on the console's Settings page
-- (docs/admin-console.md "Settings"): one row. A null value is left to the server
-- configuration (consilium.siem.*, consilium.ntp.servers, consilium.session.idle-timeout),
-- which the first boot and Ansible write.
create table appliance_settings (
    id                        smallint                 primary key check (id = 1),
    siem_host                 varchar(253),
    siem_port                 integer,
    ntp_servers               varchar(2100),              -- comma-separated; '' = none
    session_idle_seconds      integer,
    tls_expiry_warning_days   integer                  not null,
    changed_at                timestamp with time zone,
    changed_by                varchar(256)
);
insert into appliance_settings (id, tls_expiry_warning_days) values (1, 30);
