package io.meshdesk.ai.assistant;

import static io.meshdesk.ai.assistant.LedgerFunctions.figure;
import static io.meshdesk.ai.assistant.SpendingAssistant.format;
import static io.meshdesk.ai.assistant.TemplateResult.date;
import static io.meshdesk.ai.assistant.TemplateResult.on;
import static io.meshdesk.ai.assistant.TemplateResult.point;
import static io.meshdesk.ai.assistant.TemplateResult.suffix;

import io.meshdesk.api.ai.v1.FigureSourceKind;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The account functions' results (balance, statements): the data the model reads, the figures, and
 * the same facts phrased by a template (the offline answer).
 */
final class AccountTemplates {

  private AccountTemplates() {}

  static FunctionResult balance(String name, List<Card> cards, Function<UUID, Balance> read) {
    TemplateResult r = new TemplateResult(name);
    for (Card c : cards) {
      Balance b = read.apply(UUID.fromString(c.getId()));
      Map<String, Object> d = r.card(c);
      d.put("balance", format(b.getPostedBalance()));
      d.put("available_credit", format(b.getAvailableCredit()));
      r.figures.add(point("Current balance", b.getPostedBalance(), c));
      r.figures.add(point("Available credit", b.getAvailableCredit(), c));
      String s =
          "your balance"
              + on(c, cards)
              + " is "
              + format(b.getPostedBalance())
              + " with "
              + format(b.getAvailableCredit())
              + " of credit available";
      if (b.hasPaymentDueDate()) {
        d.put("minimum_payment_due", format(b.getMinimumPaymentDue()));
        d.put("payment_due_date", date(b.getPaymentDueDate()));
        r.figures.add(point("Minimum payment due", b.getMinimumPaymentDue(), c));
        s +=
            "; a minimum payment of "
                + format(b.getMinimumPaymentDue())
                + " is due by "
                + date(b.getPaymentDueDate());
      }
      r.parts.add(s);
    }
    return r.done();
  }

  static FunctionResult statements(
      String name, List<Card> cards, Function<UUID, List<Statement>> read) {
    TemplateResult r = new TemplateResult(name);
    for (Card c : cards) {
      List<Statement> list = read.apply(UUID.fromString(c.getId()));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Statement s : list) {
        rows.add(
            Map.of(
                "period",
                date(s.getPeriodStart()) + " to " + date(s.getPeriodEnd()),
                "new_balance",
                format(s.getNewBalance()),
                "minimum_payment",
                format(s.getMinimumPayment()),
                "due_date",
                date(s.getDueDate())));
      }
      r.card(c).put("statements", rows);
      if (list.isEmpty()) {
        r.parts.add("no statement has been issued yet" + on(c, cards));
        continue;
      }
      Statement s = list.get(0);
      r.figures.add(
          figure(
              "Statement balance " + date(s.getPeriodEnd()) + suffix(c, cards),
              s.getNewBalance(),
              s.getId(),
              FigureSourceKind.FIGURE_SOURCE_KIND_STATEMENT,
              null,
              0));
      r.parts.add(
          "your latest statement"
              + on(c, cards)
              + ", for "
              + date(s.getPeriodStart())
              + " to "
              + date(s.getPeriodEnd())
              + ", shows a balance of "
              + format(s.getNewBalance())
              + " with a minimum payment of "
              + format(s.getMinimumPayment())
              + " due by "
              + date(s.getDueDate()));
    }
    return r.done();
  }
}
