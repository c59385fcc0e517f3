/**
 * What the audit trail records (REQUIREMENTS D1): the catalogue of actions, their outcomes,
 * and one event as the application reports it. Identifiers only, never clinical content.
 */
package org.consilium.domain.audit;
