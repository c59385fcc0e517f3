package org.consilium.web.api;

/** Body of {@code POST /api/session}. */
public record SignInRequest(String username, String password) {
}
