package io.meshdesk.ai.gemini;

import com.google.genai.types.Content;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import io.meshdesk.ai.assistant.LedgerFunctions;
import io.meshdesk.platform.ledger.MerchantCategories;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ledger functions declared to Gemini, and the assistant's instructions. */
final class AssistantTools {

  private AssistantTools() {}

  /** The tool with every ledger function. */
  static Tool tool() {
    return Tool.builder()
        .functionDeclarations(
            declare(LedgerFunctions.BALANCE, "Balance, available credit and payment due.", false),
            declare(
                LedgerFunctions.TRANSACTIONS,
                "Spending transactions of one month, optionally of a category or a merchant, with"
                    + " their total and count.",
                true),
            declare(LedgerFunctions.STATEMENTS, "The latest monthly statements.", false),
            declare(LedgerFunctions.BY_CATEGORY, "Spending of one month per category.", true),
            declare(
                LedgerFunctions.COMPARE,
                "Spending of one month against another (compare_to, default the month before).",
                true),
            declare(
                LedgerFunctions.UNUSUAL,
                "Unusual charges of one month: duplicates, new merchants with large amounts,"
                    + " amounts far above the usual for their category.",
                true))
        .build();
  }

  /** What the model is told before the conversation. */
  static Content instruction(String thisMonth) {
    return Content.fromParts(
        Part.fromText(
            "You are a card issuer's assistant answering a cardholder about their own cards and"
                + " spending. The current month is "
                + thisMonth
                + ". Call the functions for every figure. Write every amount exactly as a function"
                + " returned it, with its currency; never compute, round or estimate a number,"
                + " and never state a number no function returned. If a function returns an"
                + " error, say you cannot answer that and why. Answer in plain sentences, briefly,"
                + " in the user's language."));
  }

  private static FunctionDeclaration declare(String name, String description, boolean monthly) {
    Map<String, Schema> props = new LinkedHashMap<>();
    props.put(
        "card_id",
        string("Card id (UUID); omit for the card the user asks about, or all their cards."));
    if (monthly) {
      props.put("month", string("Month as YYYY-MM; omit for the current month."));
    }
    if (name.equals(LedgerFunctions.COMPARE)) {
      props.put("compare_to", string("Month to compare with, YYYY-MM."));
    }
    if (name.equals(LedgerFunctions.TRANSACTIONS)) {
      props.put(
          "category",
          Schema.builder()
              .type(Type.Known.STRING)
              .enum_(MerchantCategories.ALL)
              .description("Only this spending category.")
              .build());
      props.put("merchant", string("Only merchants whose name contains this text."));
    }
    return FunctionDeclaration.builder()
        .name(name)
        .description(description)
        .parameters(Schema.builder().type(Type.Known.OBJECT).properties(props).build())
        .build();
  }

  private static Schema string(String description) {
    return Schema.builder().type(Type.Known.STRING).description(description).build();
  }
}
