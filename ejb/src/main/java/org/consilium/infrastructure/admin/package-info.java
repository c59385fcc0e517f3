/** The admin console's storage: second factors in the database, their secrets sealed by the HSM. */
package org.consilium.infrastructure.admin;
