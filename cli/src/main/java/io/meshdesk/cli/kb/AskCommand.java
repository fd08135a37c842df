package io.meshdesk.cli.kb;

import io.grpc.Channel;
import io.meshdesk.api.ai.v1.AskRequest;
import io.meshdesk.api.ai.v1.AskResponse;
import io.meshdesk.api.ai.v1.AssistantServiceGrpc;
import io.meshdesk.api.ai.v1.AssistantServiceGrpc.AssistantServiceBlockingStub;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.StubCommand;
import io.meshdesk.cli.common.Table;
import io.meshdesk.cli.common.Terminal;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl ask}: asks the spending assistant about a card (ai-worker). */
@Command(
    name = "ask",
    description = "Ask the spending assistant about a card, e.g. \"what did I spend on travel?\".")
@Rpc("meshdesk.ai.v1.AssistantService/Ask")
public final class AskCommand extends StubCommand<AssistantServiceBlockingStub> {

  @Option(names = "--card", required = true, description = "Card id.")
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

  @Override
  protected int run(AssistantServiceBlockingStub assistant, Output out) {
    var events =
        assistant.ask(
            AskRequest.newBuilder()
                .setConversationId(conversation)
                .setCardId(card)
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
