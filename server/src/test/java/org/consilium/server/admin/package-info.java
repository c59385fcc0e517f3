/** The admin console: second factor, audit search, export and verification, in HTTP and in a browser. */
package org.consilium.server.admin;
