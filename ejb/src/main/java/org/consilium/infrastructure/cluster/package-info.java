/**
 * The cluster of appliances on WildFly's own JGroups channel (60-cluster.cli): membership
 * through WildFly's group API, watched and audited here.
 */
package org.consilium.infrastructure.cluster;
