package org.consilium.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClusterPeersTest {

    @Test
    void countsThePeersOtherThanThisNode() {
        assertEquals(1, ClusterPeers.othersThan("10.1.0.5[7600],10.1.0.6[7600]", "10.1.0.5[7600]"));
        assertEquals(2, ClusterPeers.othersThan(" 10.1.0.6[7600] , 10.1.0.7[7600],10.1.0.6[7600]", "10.1.0.5[7600]"));
    }

    @Test
    void theSameAddressOnAnotherPortIsAnotherNode() {
        assertEquals(1, ClusterPeers.othersThan("127.0.0.1[7600],127.0.0.1[7700]", "127.0.0.1[7600]"));
    }

    @Test
    void noPeersIsASingleAppliance() {
        assertEquals(0, ClusterPeers.othersThan("", "127.0.0.1[7600]"));
        assertEquals(0, ClusterPeers.othersThan(null, "127.0.0.1[7600]"));
        assertEquals(0, ClusterPeers.othersThan("127.0.0.1[7600]", "127.0.0.1[7600]"));
        assertEquals(0, ClusterPeers.othersThan(" , ", "127.0.0.1[7600]"));
    }
}
