package org.consilium.hsm.invitation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.KeyAttributes;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvitationMacTest {

    private static final byte[] INVITATION = "room=icu-7;guest=42;expires=2026-11-23T10:00Z".getBytes(StandardCharsets.UTF_8);

    private Token token;
    private KeyLabels labels;
    private InvitationMac mac;

    @BeforeEach
    void open() {
        token = SoftHsm.login();
        labels = SoftHsm.freshLabels();
        mac = InvitationMac.openOrCreate(token, labels);
    }

    @AfterEach
    void close() {
        token.close();
    }

    @Test
    void aTagVerifiesAndNothingElseDoes() {
        byte[] tag = mac.mac(INVITATION);
        assertEquals(InvitationMac.TAG_LENGTH, tag.length);
        assertTrue(mac.verify(INVITATION, tag));

        for (int bit = 0; bit < tag.length * 8; bit++) {
            byte[] altered = tag.clone();
            altered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(mac.verify(INVITATION, altered), "bit " + bit);
        }
        byte[] otherInvitation = INVITATION.clone();
        otherInvitation[5] ^= 1;
        assertFalse(mac.verify(otherInvitation, tag));
        assertFalse(mac.verify(INVITATION, Arrays.copyOf(tag, 31)));
        assertFalse(mac.verify(INVITATION, new byte[0]));
        assertFalse(mac.verify(INVITATION, null));
    }

    @Test
    void theKeyStaysInTheTokenAndIsFoundAgain() {
        assertTrue(KeyAttributes.isSealed(token.key(labels.invitations()).orElseThrow()));
        assertArrayEquals(mac.mac(INVITATION), InvitationMac.openOrCreate(token, labels).mac(INVITATION));
    }

    @Test
    void differentInstallationsHaveDifferentKeys() {
        InvitationMac other = InvitationMac.openOrCreate(token, SoftHsm.freshLabels());
        assertFalse(other.verify(INVITATION, mac.mac(INVITATION)));
    }
}
