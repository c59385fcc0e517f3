/**
 * HTTP-level protections for every page and API: security headers (strict CSP, nothing
 * from another origin), idle session timeout, sign-in bookkeeping (how someone signed in:
 * password or smart card, {@link org.consilium.web.security.SignInMethod}; refused
 * certificates) and sign-out.
 */
package org.consilium.web.security;
