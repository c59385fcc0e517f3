/**
 * The hospital directory as seen by the application: the signed-in identity that
 * Elytron's ldap-realm built (name, display name, mapped roles).
 * The group-to-role mapping itself lives in the server configuration (security.cli), so
 * there is exactly one place to change it.
 */
package org.consilium.infrastructure.directory;
