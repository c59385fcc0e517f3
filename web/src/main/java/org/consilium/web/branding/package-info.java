/**
 * The hospital's branding as the pages get it (docs/admin-console.md "Branding"): the header
 * of every page of the common template ({@link org.consilium.web.branding.PageBranding}), and
 * the logo and the colours' stylesheet, served from the appliance under {@code /branding/} to
 * anyone (the sign-in and guest pages show them too): same origin, so the Content-Security-Policy
 * stays as strict as it is; each with an ETag that changes with it.
 */
package org.consilium.web.branding;
