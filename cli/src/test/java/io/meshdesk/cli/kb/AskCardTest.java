package io.meshdesk.cli.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.ledger.v1.ListCardsResponse;
import io.meshdesk.testing.InProcessGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code meshctl ask} without {@code --card} asks about the caller's one card, and makes a caller
 * with none or several choose.
 */
class AskCardTest {

  /** A ledger that lists the cards it holds, as many as the page asks for. */
  private static final class Ledger extends LedgerServiceGrpc.LedgerServiceImplBase {
    final List<Card> cards = new ArrayList<>();

    @Override
    public void listCards(ListCardsRequest req, StreamObserver<ListCardsResponse> out) {
      out.onNext(
          ListCardsResponse.newBuilder()
              .addAllCards(cards.stream().limit(req.getPage().getPageSize()).toList())
              .build());
      out.onCompleted();
    }
  }

  private final Ledger ledger = new Ledger();
  private InProcessGrpc grpc;

  @BeforeEach
  void start() {
    grpc = InProcessGrpc.start(List.of(ledger), List.of());
  }

  @AfterEach
  void stop() {
    grpc.close();
  }

  private void holding(int n) {
    IntStream.range(0, n)
        .forEach(
            i -> ledger.cards.add(Card.newBuilder().setId(UUID.randomUUID().toString()).build()));
  }

  @Test
  void aCallerWithOneCardAsksAboutIt() {
    holding(1);

    assertThat(AskCommand.onlyCard(grpc.channel())).isEqualTo(ledger.cards.get(0).getId());
  }

  @Test
  void aCallerWithSeveralCardsIsToldWhichToChooseFrom() {
    holding(AskCommand.CARDS_SHOWN + 2);

    assertThatThrownBy(() -> AskCommand.onlyCard(grpc.channel()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--card: several cards, choose one: " + ledger.cards.get(0).getId())
        .hasMessageEndingWith(", ...")
        .hasMessageNotContaining(ledger.cards.get(AskCommand.CARDS_SHOWN).getId());
  }

  @Test
  void aCallerWithNoCardIsToldSo() {
    assertThatThrownBy(() -> AskCommand.onlyCard(grpc.channel()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--card: there is no card to ask about");
  }
}
