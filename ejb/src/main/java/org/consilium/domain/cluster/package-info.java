/**
 * The cluster of appliances as this node sees it: who is in, who coordinates, and whether the
 * node is alone although it was given peers (docs/architecture.md, "Cluster").
 */
package org.consilium.domain.cluster;
