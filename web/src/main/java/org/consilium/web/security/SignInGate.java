package org.consilium.web.security;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * What must happen around the container's own sign-in and sign-out, where no servlet filter
 * runs: Elytron's FORM mechanism answers {@code POST /j_security_check} itself (a redirect
 * on success, a forward to the error page on failure), before any filter of ours.
 * Registered with Undertow as a servlet extension (META-INF/services); its handlers run
 * inside the servlet request (CDI and the deployment's class loader are there) but outside
 * the security handlers, so they see every attempt before the mechanism does.
 */
public class SignInGate implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        // Each wrapper wraps the ones added before it: the origin check runs first, then the
        // wrong-password delay, then the security handlers with the mechanism.
        deployment.addOuterHandlerChainWrapper(SignInThrottleGate::new);
        deployment.addOuterHandlerChainWrapper(CrossSiteSignInRefusal::new);
        deployment.addNotificationReceiver(new FormSignInAudit());
    }
}
