package org.consilium.server.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR exactly as the build made it: tests run against the product, not a test assembly. */
public final class ConsiliumDeployment {

    private ConsiliumDeployment() {
    }

    public static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("consilium.it.ear", "target/consilium.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
