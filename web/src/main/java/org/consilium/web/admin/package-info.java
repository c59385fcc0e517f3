/**
 * The admin console under {@code /admin/} (docs/admin-console.md): Jakarta Faces pages
 * for administrators and auditors, behind a second factor (TOTP) checked by
 * {@link org.consilium.web.admin.SecondFactorFilter}, which also refuses any POST that
 * does not come from the console's own origin. Plain Faces and the console's own CSS: no
 * script at all, so the strict Content-Security-Policy holds unchanged.
 */
package org.consilium.web.admin;
