/**
 * The domain model: entities and value objects that hold the rules (staff accounts and
 * roles now; rooms, visits, lobby tickets, audit events and recordings as they arrive),
 * plus the repository interfaces the infrastructure implements. No framework code here
 * beyond JPA mapping annotations.
 */
package org.consilium.domain;
