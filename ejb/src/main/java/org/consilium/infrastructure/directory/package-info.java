/**
 * The hospital directory as seen by the application: the signed-in identity that
 * Elytron's ldap-realm built (name, display name, mapped roles), and the console's view of
 * the directory through the same security domain ({@link org.consilium.infrastructure.directory.ElytronStaffDirectory}:
 * a lookup as a sign-in would do it, the mapping as the management model holds it; and
 * {@link org.consilium.infrastructure.directory.ElytronCertificateAccounts}: which account a
 * refused smart card named, and why it signed nobody in).
 * The group-to-role mapping itself lives in the server configuration (security.cli), so
 * there is exactly one place to change it.
 */
package org.consilium.infrastructure.directory;
