/**
 * Tenant-scoped Lucene BM25 retrieval over resolved tickets and knowledge-base articles, the
 * grounding for the offline drafter. Every query is filtered by tenant; there is no way to search
 * without one.
 */
package io.meshdesk.ai.retrieval;
