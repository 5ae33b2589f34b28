package io.sam6d.model.auth;

/**
 * A bearer token for {@code Authorization: Bearer <access_token>}.
 *
 * @param expiresIn seconds until it expires
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
}
