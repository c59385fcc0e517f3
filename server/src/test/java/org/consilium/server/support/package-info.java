/** What the integration tests share: the deployment, an HTTPS client with a cookie jar, polling with a deadline. */
package org.consilium.server.support;
