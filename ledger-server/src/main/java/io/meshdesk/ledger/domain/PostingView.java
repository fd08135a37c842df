package io.meshdesk.ledger.domain;

/** One leg of a journal entry. */
public record PostingView(String account, long amountMinor, String currency) {}
