package io.meshdesk.ai.assistant;

import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.Statement;
import io.meshdesk.api.ledger.v1.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The ledger reads the assistant needs, made with the caller's own token (so its rules apply). */
public interface Ledger {

  /** The cards held by {@code holder}. */
  List<Card> cardsOf(String token, UUID holder);

  /** One card. */
  Card card(String token, UUID cardId);

  /** A card's balance and payment due. */
  Balance balance(String token, UUID cardId);

  /** A card's transactions posted in [from, to). */
  List<Transaction> transactions(String token, UUID cardId, Instant from, Instant to);

  /** A card's latest statements (at most {@code limit}), newest first, without their lines. */
  List<Statement> statements(String token, UUID cardId, int limit);
}
