/**
 * The admin console's second factor: time-based one-time passwords (RFC 6238) and one
 * person's enrolment with its replay guard and lockout. Plain Java; the secret is kept
 * encrypted by the HSM (infrastructure), never in clear outside memory.
 */
package org.consilium.domain.admin;
