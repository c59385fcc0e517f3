/**
 * Wrong passwords and the delays they cause: the policy ({@link org.consilium.domain.signin.ThrottlePolicy})
 * and its counts ({@link org.consilium.domain.signin.ThrottleBook}), per account and source address.
 */
package org.consilium.domain.signin;
