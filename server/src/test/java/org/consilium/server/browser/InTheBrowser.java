package org.consilium.server.browser;

import org.consilium.server.support.ConsiliumDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every test of the product in real browsers shares: the product's EAR, deployed as it
 * ships (the tests drive it from outside, as people do), and Debian's browsers, without which
 * they skip on a developer's machine (and fail under {@code ./consilium test}).
 */
abstract class InTheBrowser {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeAll
    static void browsers() {
        Browser.assumeInstalled();
    }
}
