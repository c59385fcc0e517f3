package org.consilium.hsm.token;

/**
 * Which slot of the PKCS#11 library holds the token. SunPKCS11 selects a slot by its id
 * or by its position in the slot list; it has no way to select by token label.
 */
public sealed interface TokenSlot {

    /** The line of SunPKCS11 configuration that selects this slot. */
    String configLine();

    static TokenSlot id(long id) {
        return new Id(id);
    }

    static TokenSlot listIndex(int index) {
        return new ListIndex(index);
    }

    /** A slot id as the library reports it (softhsm2-util --show-slots, pkcs11-tool -L). */
    record Id(long id) implements TokenSlot {
        public Id {
            if (id < 0) {
                throw new IllegalArgumentException("a slot id is not negative");
            }
        }

        @Override
        public String configLine() {
            return "slot = " + id;
        }

        @Override
        public String toString() {
            return "slot " + id;
        }
    }

    /** A position in the library's slot list, counting from 0. */
    record ListIndex(int index) implements TokenSlot {
        public ListIndex {
            if (index < 0) {
                throw new IllegalArgumentException("a slot list index is not negative");
            }
        }

        @Override
        public String configLine() {
            return "slotListIndex = " + index;
        }

        @Override
        public String toString() {
            return "slot list index " + index;
        }
    }
}
