package io.meshdesk.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.drafting.Draft.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriageModelTest {

  private final SentimentModel sentiment = new SentimentModel();
  private final TriageModel model = new TriageModel();

  private TriageModel.Triage triage(String subject, String body, String... tags) {
    return model.triage(subject, body, List.of(tags), sentiment.read(subject + "\n" + body));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Charged twice | I was charged twice for my subscription this month. | billing",
        "Invoice copy | Could you send the invoice for my last payment? | billing",
        "Can't log in | I reset my password but still cannot sign in. | login",
        "2FA code | The verification code for two factor never works. | login",
        "App crashes | The app crashes with an error when I open the report page. | bug",
        "Question | How do I set up a recurring report? | how-to",
        "Where is my parcel | My order has not been delivered, the tracking number shows nothing."
            + " | shipping",
        "Delete account | Please delete my account and my personal data. | account",
        "Idea | It would be great if you could add dark mode, just a suggestion. | feature-request",
        "Hello | Just wanted to say hello. | other",
      })
  void assignsCategories(String subject, String body, String expected) {
    assertThat(triage(subject, body).category()).isEqualTo(expected);
  }

  @Test
  void aTagNamingACategoryTipsTheBalance() {
    assertThat(triage("Quick question", "Something about our plan.").category())
        .isNotEqualTo("account");
    assertThat(triage("Quick question", "Something about our plan.", "Account").category())
        .isEqualTo("account");
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Site down | Production is down for all our customers since 10:00. | URGENT",
        "Security | I think my account was hacked, there are logins I do not recognise. | URGENT",
        "Legal | Our lawyer will start legal action if this is not resolved. | URGENT",
        "Locked out | I am locked out and this is absolutely terrible, I am furious! | HIGH",
        "Export | I cannot export the payroll and the deadline is today, please fix it asap. |"
            + " HIGH",
        "Question | How do I change the colour of the dashboard? | LOW",
        "Idea | It would be nice to have a feature request board. | LOW",
        "Invoice | Please send me the invoice for March. | NORMAL",
        "Bug | The total on the report page shows a wrong number. | NORMAL",
      })
  void suggestsPriorities(String subject, String body, Priority expected) {
    assertThat(triage(subject, body).priority()).isEqualTo(expected);
  }

  @Test
  void blockedButCalmCustomersAreNotEscalated() {
    assertThat(triage("Login", "I cannot log in to the portal.").priority())
        .isEqualTo(Priority.NORMAL);
  }

  @Test
  void listsItsCategoriesWithOtherLast() {
    assertThat(model.categoryNames())
        .containsExactly(
            "billing", "login", "bug", "how-to", "shipping", "account", "feature-request", "other");
  }
}
