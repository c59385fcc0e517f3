/**
 * How the application starts: a first start on an empty database (Flyway before anything
 * reads a table), checked in the server's log of that start.
 */
package org.consilium.server.startup;
