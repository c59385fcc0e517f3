/** Signing in: how wrong passwords slow down further attempts ({@link org.consilium.application.signin.SignInThrottle}). */
package org.consilium.application.signin;
