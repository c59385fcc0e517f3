/**
 * The demo hospital directory: an embedded Apache Directory Server on loopback, loaded
 * from demo-directory.ldif. Used by the one-command run (as a separate process) and by
 * the integration tests (in the test JVM, so a test can stop and restart it).
 */
package org.consilium.server.directory;
