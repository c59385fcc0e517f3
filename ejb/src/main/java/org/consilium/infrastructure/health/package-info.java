/** MicroProfile Health readiness checks: DOWN, with the reason, when a dependency is unreachable. */
package org.consilium.infrastructure.health;
