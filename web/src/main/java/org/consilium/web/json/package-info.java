/**
 * Reading JSON from clients, strictly and in one place, for the API's request bodies and
 * the signaling messages alike: a bounded depth of nesting (its own error), and each field
 * of the type it is documented to have (a wrong type is an error naming the field, never a
 * guess: {@code "yes"} is not {@code false}).
 */
package org.consilium.web.json;
