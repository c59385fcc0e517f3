/**
 * The security domain's group-to-role mapper, installed as the WildFly module
 * {@code org.consilium.rolemapper}: {@link org.consilium.rolemapper.GroupRoleMapper} is
 * Elytron's {@code custom-role-mapper}, {@link org.consilium.rolemapper.GroupRoleTable} the
 * mapping it reads, which the application replaces when an administrator edits it.
 */
package org.consilium.rolemapper;
