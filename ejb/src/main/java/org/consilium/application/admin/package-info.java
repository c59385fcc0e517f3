/**
 * Use cases of the admin console: the second factor (enrol, verify, reset by another
 * administrator). Every attempt is audited; the TOTP secret never reaches the log.
 */
package org.consilium.application.admin;
