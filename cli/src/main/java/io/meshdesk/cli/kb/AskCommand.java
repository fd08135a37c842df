package io.meshdesk.cli.kb;

import io.grpc.Channel;
import io.meshdesk.api.ai.v1.AskRequest;
import io.meshdesk.api.ai.v1.AskResponse;
import io.meshdesk.api.ai.v1.AssistantServiceGrpc;
import io.meshdesk.api.ai.v1.AssistantServiceGrpc.AssistantServiceBlockingStub;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.StubCommand;
import io.meshdesk.cli.common.Table;
import io.meshdesk.cli.common.Terminal;
import java.io.PrintStream;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl ask}: asks the spending assistant about a card (ai-worker). */
@Command(
    name = "ask",
    description = "Ask the spending assistant about a card, e.g. \"what did I spend on travel?\".")
@Rpc({"meshdesk.ai.v1.AssistantService/Ask", "meshdesk.ledger.v1.LedgerService/ListCards"})
public final class AskCommand extends StubCommand<AssistantServiceBlockingStub> {

  /** Cards listed when the caller has several and gave no {@code --card}. */
  static final int CARDS_SHOWN = 5;

  @Option(
      names = "--card",
      description = "Card id (default: the caller's card, when they have exactly one).")
  String card;

  @Option(
      names = "--conversation",
      description =
          "Conversation id to continue (printed after each answer); only its owner may continue it.")
  String conversation = "";

  @Parameters(paramLabel = "QUESTION", description = "The question.")
  String question;

  @Override
  protected AssistantServiceBlockingStub stub(Channel channel) {
    return AssistantServiceGrpc.newBlockingStub(channel);
  }

  /**
   * The caller's one card, for a question asked without {@code --card}: the ledger lists only a
   * customer's own cards, so a cardholder with one card need not look its id up. With none or
   * several the user must choose, and the error says which cards there are.
   */
  static String onlyCard(Channel channel) {
    var cards =
        LedgerServiceGrpc.newBlockingStub(channel)
            .listCards(
                ListCardsRequest.newBuilder()
                    .setPage(PageRequest.newBuilder().setPageSize(CARDS_SHOWN + 1))
                    .build())
            .getCardsList();
    if (cards.isEmpty()) {
      throw new IllegalArgumentException("--card: there is no card to ask about");
    }
    if (cards.size() > 1) {
      String ids =
          cards.stream().limit(CARDS_SHOWN).map(Card::getId).collect(Collectors.joining(", "));
      throw new IllegalArgumentException(
          "--card: several cards, choose one: "
              + ids
              + (cards.size() > CARDS_SHOWN ? ", ..." : ""));
    }
    return cards.get(0).getId();
  }

  @Override
  protected int run(AssistantServiceBlockingStub assistant, Output out) {
    var events =
        assistant.ask(
            AskRequest.newBuilder()
                .setConversationId(conversation)
                .setCardId(card != null ? card : onlyCard(assistant.getChannel()))
                .setQuestion(question)
                .build());
    // On a terminal the answer is printed as it arrives; otherwise only the whole answer.
    boolean live = out.human() && Terminal.interactive();
    PrintStream screen = System.out;
    AskResponse last = null;
    while (events.hasNext()) {
      last = events.next();
      if (live && last.hasTextDelta()) {
        screen.print(last.getTextDelta());
        screen.flush();
      }
    }
    if (last == null || !last.hasAnswered()) {
      throw new IllegalStateException("the assistant ended the answer early");
    }
    var r = last.getAnswered();
    if (live) {
      screen.println();
      screen.println("conversation: " + r.getConversationId() + " (continue with --conversation)");
      screen.flush();
      return 0;
    }
    out.print(
        r, () -> new Table("CONVERSATION", "ANSWER").row(r.getConversationId(), r.getAnswer()));
    return 0;
  }
}
