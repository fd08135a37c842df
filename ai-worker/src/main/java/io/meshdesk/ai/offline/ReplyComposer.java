package io.meshdesk.ai.offline;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.RetrievedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the reply text: greeting, an acknowledgement tuned to sentiment and priority, the grounded
 * answer (quoted resolutions, article excerpt and "See:" references) or an honest request for the
 * details the category needs, an offer to follow up, and a sign-off. The tenant's tone guidelines
 * choose a formal or informal register.
 */
final class ReplyComposer {

  /** Register of the greeting and sign-off, chosen from the tenant's tone guidelines. */
  enum Tone {
    FORMAL("Dear customer,", "Kind regards,\nCustomer Support"),
    NEUTRAL("Hello,", "Best regards,\nThe support team"),
    INFORMAL("Hi there!", "Cheers,\nThe support team");

    final String greeting;
    final String signOff;

    Tone(String greeting, String signOff) {
      this.greeting = greeting;
      this.signOff = signOff;
    }

    /** The tone the guidelines ask for; neutral when they do not say. */
    static Tone of(String guidelines) {
      String g = guidelines.toLowerCase(Locale.ROOT);
      if (g.matches("(?s).*\\b(informal|casual|friendly|relaxed|first[- ]name|playful)\\b.*")) {
        return INFORMAL;
      }
      if (g.matches("(?s).*\\b(formal|professional|courteous|sir|madam|respectful)\\b.*")) {
        return FORMAL;
      }
      return NEUTRAL;
    }
  }

  private static final Map<String, String> DETAILS_NEEDED =
      Map.of(
          "billing",
              "the invoice or charge in question (date and amount) and the last four"
                  + " digits of the card you paid with",
          "login",
              "the email address you sign in with, the exact message you see, and whether"
                  + " you use single sign-on or two-factor authentication",
          "bug",
              "the steps that lead to the problem, the exact error message or a screenshot,"
                  + " and the browser or app version you use",
          "how-to", "what you would like to achieve and where in the product you got stuck",
          "shipping", "your order number and the delivery address",
          "account", "the email address of the account and the change you would like to make",
          "feature-request", "what you would like to do and how it would help your work");

  private static final String DEFAULT_DETAILS =
      "what you were doing, what you expected to happen and what happened instead";

  private static final Pattern GREETING_LINE =
      Pattern.compile("(?i)^(hi|hello|hey|dear|good (morning|afternoon|evening))\\b.{0,40}$");
  private static final Pattern SIGN_OFF_LINE =
      Pattern.compile(
          "(?i)^(thanks|thank you|many thanks|best|kind regards|regards|best regards|cheers"
              + "|sincerely|warm regards|--)\\b.{0,30}$");

  private ReplyComposer() {}

  /** The reply for {@code request}. */
  static String compose(
      DraftRequest request,
      SentimentModel.Reading sentiment,
      TriageModel.Triage triage,
      Grounding grounding) {
    Tone tone = Tone.of(request.toneGuidelines());
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add(tone.greeting);
    paragraphs.add(acknowledgement(request.subject(), sentiment, triage));
    if (grounding.isEmpty()) {
      paragraphs.add(holding(triage.category()));
    } else {
      paragraphs.addAll(answer(grounding));
      paragraphs.add(
          "If this does not solve it, just reply to this message and we will look into it"
              + " further.");
    }
    paragraphs.add(tone.signOff);
    return String.join("\n\n", paragraphs);
  }

  /**
   * A stored reply without its greeting and sign-off, so it can be quoted inside a new reply.
   * Returns an empty string for null.
   */
  static String clean(String reply) {
    if (reply == null) {
      return "";
    }
    List<String> lines = new ArrayList<>(List.of(reply.strip().split("\\R")));
    while (!lines.isEmpty()
        && (lines.get(0).isBlank() || GREETING_LINE.matcher(lines.get(0).strip()).matches())) {
      lines.remove(0);
    }
    for (int i = 0; i < lines.size(); i++) {
      if (SIGN_OFF_LINE.matcher(lines.get(i).strip()).matches()) {
        lines = lines.subList(0, i);
        break;
      }
    }
    return String.join("\n", lines).strip();
  }

  private static String acknowledgement(
      String subject, SentimentModel.Reading sentiment, TriageModel.Triage triage) {
    String about = topic(subject, triage.category());
    String ack =
        switch (sentiment.label()) {
          case NEGATIVE ->
              "I'm sorry for the trouble with "
                  + about
                  + ". I understand how frustrating this"
                  + " is, and I want to get it sorted for you.";
          case POSITIVE ->
              sentiment.stronglyPositive()
                  ? "Thank you for your message about " + about + ", and for the kind words."
                  : "Thank you for your message about " + about + ".";
          case NEUTRAL -> "Thank you for getting in touch about " + about + ".";
        };
    if (triage.priority() == Draft.Priority.URGENT) {
      ack += " We are treating this as urgent.";
    }
    return ack;
  }

  private static String topic(String subject, String category) {
    String s = subject.strip();
    if (!s.isEmpty() && s.length() <= 80 && s.indexOf('\n') < 0) {
      return "\"" + s + "\"";
    }
    return switch (category) {
      case "billing" -> "your billing question";
      case "login" -> "signing in";
      case "bug" -> "the problem you ran into";
      case "shipping" -> "your order";
      case "account" -> "your account";
      case "feature-request" -> "your suggestion";
      default -> "your request";
    };
  }

  private static List<String> answer(Grounding grounding) {
    List<String> paragraphs = new ArrayList<>();
    List<RetrievedDocument> resolutions = grounding.resolutions();
    if (!resolutions.isEmpty()) {
      paragraphs.add("We have solved this before. Here is what resolved it:");
      paragraphs.add(clean(resolutions.get(0).resolution()));
      if (resolutions.size() > 1) {
        paragraphs.add("If that does not do it, this has also worked:");
        paragraphs.add(clean(resolutions.get(1).resolution()));
      }
    } else {
      RetrievedDocument article = grounding.articles().get(0);
      paragraphs.add(
          "Our help article \""
              + article.title().strip()
              + "\" covers this: "
              + excerpt(article.text()));
    }
    if (!grounding.articles().isEmpty()) {
      List<String> refs = new ArrayList<>();
      for (RetrievedDocument article : grounding.articles()) {
        refs.add("See: " + article.title().strip());
      }
      paragraphs.add(String.join("\n", refs));
    }
    return paragraphs;
  }

  private static String excerpt(String text) {
    StringBuilder sb = new StringBuilder();
    for (String sentence : Sentences.split(text)) {
      if (sb.length() > 0 && sb.length() + sentence.length() > 280) {
        break;
      }
      sb.append(sb.length() > 0 ? " " : "").append(sentence);
      if (sb.length() >= 160) {
        break;
      }
    }
    return sb.toString();
  }

  private static String holding(String category) {
    String details = DETAILS_NEEDED.getOrDefault(category, DEFAULT_DETAILS);
    String text =
        "So that we can look into this properly, could you tell us "
            + details
            + "? We will"
            + " get back to you as soon as we have checked.";
    if (category.equals("feature-request")) {
      text += " We pass every suggestion on to our product team.";
    }
    return text;
  }
}
