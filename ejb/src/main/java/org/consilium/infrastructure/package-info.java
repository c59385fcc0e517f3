/**
 * Adapters to the outside world: the database (JPA, schema migrations), the hospital
 * directory (through Elytron), and the health checks that report on both.
 */
package org.consilium.infrastructure;
