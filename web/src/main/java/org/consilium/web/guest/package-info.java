/**
 * The pages a guest sees: the invitation link ({@code /join/<token>}) asks their name, then
 * they wait for the host ({@code /guest/waiting}). No staff sign-in, nothing of the
 * directory, and a refused link gets a page that says why in plain words. The guest's
 * identity lives in their HTTP session only; it is never a container principal.
 */
package org.consilium.web.guest;
