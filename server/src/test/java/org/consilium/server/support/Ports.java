package org.consilium.server.support;

/** Where the server under test listens (standard ports plus the test offset). */
public final class Ports {

    public static final int OFFSET = Integer.getInteger("consilium.it.port-offset", 100);
    public static final int HTTPS = 8443 + OFFSET;
    public static final int HTTP = 8080 + OFFSET;
    public static final int MANAGEMENT = 9990 + OFFSET;
    public static final int LDAP = Integer.getInteger("consilium.it.ldap.port", 10489);

    private Ports() {
    }
}
