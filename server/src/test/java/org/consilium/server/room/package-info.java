/** Rooms, visits and guest invitations over HTTP against the real server, PostgreSQL and HSM token. */
package org.consilium.server.room;
