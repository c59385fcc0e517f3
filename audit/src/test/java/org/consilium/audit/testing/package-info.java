/** Test support: real signed chains and exports built the way the server builds them. */
package org.consilium.audit.testing;
