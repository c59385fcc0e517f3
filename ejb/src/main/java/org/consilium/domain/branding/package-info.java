/**
 * The hospital's branding (issue 20, item 9; docs/admin-console.md "Branding"): its name, its
 * logo and its accent colour, shown on every page of the staff and guest client. Plain Java:
 * each value checks itself when made from what an administrator typed or uploaded, so a
 * refusal is a sentence and nothing invalid is ever stored or served.
 */
package org.consilium.domain.branding;
