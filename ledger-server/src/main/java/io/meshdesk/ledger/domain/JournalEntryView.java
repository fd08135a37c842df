package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A journal entry with its postings. */
public record JournalEntryView(
    UUID id,
    UUID cardId,
    long sequence,
    UUID transactionId,
    Instant postedAt,
    List<PostingView> postings,
    String hash,
    String previousHash) {}
