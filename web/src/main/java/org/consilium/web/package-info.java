/**
 * The interfaces layer: what browsers and other systems talk to. Holds no business
 * rules; every class here translates a request into a call on an {@code ejb} service and
 * the answer back into HTML or JSON.
 */
package org.consilium.web;
