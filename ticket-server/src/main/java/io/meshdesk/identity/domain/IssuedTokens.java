package io.meshdesk.identity.domain;

import java.time.Instant;

/** An access token and, for people, a refresh token (empty for service tokens). */
public record IssuedTokens(
    String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {}
