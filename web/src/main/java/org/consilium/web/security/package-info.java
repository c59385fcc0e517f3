/**
 * HTTP-level protections for every page and API: security headers (strict CSP, nothing
 * from another origin), idle session timeout, sign-in bookkeeping and sign-out.
 */
package org.consilium.web.security;
