-- Colleagues a room's owner or hosts invited by name (issue 20, item 4): the room shows on
-- their home page, and they may join its calls (waiting in the lobby when it is on, like any
-- staff member who does not run the room). Hosts stay in room_host.
create table room_colleague (
    room_id  uuid         not null references room (id),
    username varchar(256) not null,
    primary key (room_id, username)
);
create index room_colleague_username_ix on room_colleague (username);
