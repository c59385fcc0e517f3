/**
 * Use cases of the admin console: the second factor (enrol, verify, reset by another
 * administrator), the dashboard ({@link org.consilium.application.admin.DashboardService}
 * over the {@link org.consilium.application.admin.SystemProbes} port), the keys (HSM status,
 * KEK rotation: {@link org.consilium.application.admin.KeyAdministration}) and the directory
 * (connection test, lookup with the roles a sign-in would give, the group-to-role mapping:
 * {@link org.consilium.application.admin.DirectoryAdministration} over the
 * {@link org.consilium.application.admin.StaffDirectory} port). Every change and every
 * refused attempt is audited; the TOTP secret never reaches the log, no key material leaves the HSM.
 */
package org.consilium.application.admin;
