package org.consilium.infrastructure.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSystemProbesTest {

    @Test
    void readsTheMembersOfAJGroupsView() {
        assertEquals(List.of("consilium-1", "consilium-2", "consilium-3"),
                ServerSystemProbes.members("[consilium-1|4] (3) [consilium-1, consilium-2, consilium-3]"));
        assertEquals(List.of("node-a"), ServerSystemProbes.members("[node-a|0] (1) [node-a]"));
    }

    @Test
    void somethingElseIsNoMembers() {
        assertEquals(List.of(), ServerSystemProbes.members(""));
        assertEquals(List.of(), ServerSystemProbes.members("undefined"));
    }
}
