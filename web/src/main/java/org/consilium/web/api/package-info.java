/**
 * The JSON API under {@code /api}. Unlike pages, it never redirects to the sign-in page:
 * an anonymous call gets 401, a call without the needed role 403, bad input 400, each
 * with a JSON body that says what went wrong.
 */
package org.consilium.web.api;
