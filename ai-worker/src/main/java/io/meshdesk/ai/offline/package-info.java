/**
 * The offline drafter: local sentiment and triage models and replies composed from the tenant's
 * best-matching resolutions. It needs no network and is both the default without cloud credentials
 * and the fallback when the cloud drafter fails.
 */
package io.meshdesk.ai.offline;
