package io.meshdesk.identity.domain;

import io.meshdesk.platform.auth.Principal;

/**
 * Result of a sign-in, refresh, bootstrap or client-credentials grant.
 *
 * @param tokens issued tokens
 * @param principal the principal the access token carries
 * @param user the user (null for service accounts)
 * @param serviceAccount the service account (null for users)
 */
public record SignedIn(
    IssuedTokens tokens, Principal principal, User user, ServiceAccount serviceAccount) {}
