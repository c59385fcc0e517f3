/** Two real nodes of one cluster: membership, failure detection, merge (docs/architecture.md, "Cluster"). */
package org.consilium.server.cluster;
