/**
 * Adapters to the outside world: the database (JPA, schema migrations), the hospital
 * directory (through Elytron).
 */
package org.consilium.infrastructure;
