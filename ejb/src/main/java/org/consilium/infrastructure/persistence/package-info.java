/** JPA repositories and the versioned schema migrations (Flyway) run at deployment. */
package org.consilium.infrastructure.persistence;
