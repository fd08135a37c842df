package io.meshdesk.ai.assistant;

import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.api.ai.v1.CitedFigure;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One turn of an assistant conversation: reads the conversation's last turns (only its owner may
 * continue it), answers with the model when one is configured and every number of its answer is
 * confirmed by a ledger function result, otherwise with the offline answer, then stores the turn.
 *
 * <p>The model's text is buffered until it is checked, then delivered in pieces; so no text that is
 * later withdrawn ever reaches the caller.
 */
public final class ConversationService {

  private static final System.Logger LOG = System.getLogger(ConversationService.class.getName());
  private static final int PIECE = 48;

  /** Events of a turn, in order: started once, then text pieces. */
  public interface Listener {
    /** The turn's conversation. */
    void started(UUID conversation);

    /** A piece of the answer text. */
    void text(String piece);
  }

  /**
   * A turn's outcome.
   *
   * @param conversation the conversation id
   * @param answer the answer sent
   * @param figures the figures it cites
   * @param drafter who phrased it
   * @param fallbackReason why the offline answer replaced the model's, or empty
   */
  public record Outcome(
      UUID conversation,
      String answer,
      List<CitedFigure> figures,
      String drafter,
      String fallbackReason) {}

  private final Conversations conversations;
  private final LedgerFunctions functions;
  private final OfflineAssistant offline;
  private final AssistantModel model;
  private final AssistantConfig config;
  private final Clock clock;

  /**
   * @param model the language model, or null to answer offline only
   */
  public ConversationService(
      Conversations conversations,
      LedgerFunctions functions,
      OfflineAssistant offline,
      AssistantModel model,
      AssistantConfig config,
      Clock clock) {
    this.conversations = conversations;
    this.functions = functions;
    this.offline = offline;
    this.model = model;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Answers {@code question} in {@code conversation} (null starts one) for {@code caller} of {@code
   * tenant}.
   *
   * @throws io.meshdesk.platform.errors.NotFoundException when the conversation is not the caller's
   */
  public Outcome ask(
      UUID tenant,
      LedgerFunctions.Caller caller,
      UUID conversation,
      String question,
      Listener listener) {
    List<ConversationTurn> history =
        conversation == null
            ? List.of()
            : conversations.lastTurns(tenant, caller.user(), conversation, config.historyTurns());
    UUID id = conversation == null ? UUID.randomUUID() : conversation;
    listener.started(id);
    Outcome out =
        model == null
            ? offline(id, caller, history, question, "")
            : modelAnswer(id, caller, question, history);
    deliver(out.answer(), listener::text);
    conversations.append(
        tenant,
        caller.user(),
        id,
        new ConversationTurn(question, out.answer(), out.drafter(), clock.instant()));
    return out;
  }

  private Outcome modelAnswer(
      UUID id, LedgerFunctions.Caller caller, String question, List<ConversationTurn> history) {
    AssistantModel.Reply reply;
    try {
      reply = model.reply(history, question, (name, args) -> functions.call(caller, name, args));
    } catch (DraftingException e) {
      LOG.log(Level.DEBUG, () -> "assistant model failed, answering offline: " + e.getMessage());
      return offline(id, caller, history, question, "the model did not answer: " + e.getMessage());
    }
    List<String> trusted = new ArrayList<>();
    trusted.add(question);
    trusted.add(functions.thisMonth().toString());
    history.forEach(t -> trusted.add(t.question() + " " + t.answer()));
    var unconfirmed = FigureCheck.unconfirmed(reply.text(), reply.results(), trusted);
    if (unconfirmed.isPresent()) {
      return offline(
          id,
          caller,
          history,
          question,
          "the model's answer cited " + unconfirmed.get() + ", which no ledger result confirms");
    }
    List<CitedFigure> figures = new ArrayList<>();
    reply.results().forEach(r -> figures.addAll(r.figures()));
    return new Outcome(id, reply.text(), List.copyOf(figures), model.name(), "");
  }

  private Outcome offline(
      UUID id,
      LedgerFunctions.Caller caller,
      List<ConversationTurn> history,
      String question,
      String reason) {
    FunctionResult r = offline.answer(caller, history, question);
    return new Outcome(id, r.summary(), r.figures(), OfflineAssistant.DRAFTER, reason);
  }

  /** Cuts {@code text} into pieces at word boundaries; the pieces concatenated equal the text. */
  static void deliver(String text, Consumer<String> sink) {
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + PIECE);
      if (end < text.length()) {
        int space = text.lastIndexOf(' ', end);
        end = space > start ? space + 1 : end;
      }
      sink.accept(text.substring(start, end));
      start = end;
    }
  }
}
