package io.meshdesk.cli.demo;

import io.meshdesk.ai.knowledge.Article;
import io.meshdesk.ai.knowledge.KnowledgeBase;
import io.meshdesk.ai.knowledge.Resolution;
import io.meshdesk.platform.errors.AlreadyExistsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A small, realistic knowledge base for {@code meshctl dev} and benchmarks: help-centre articles
 * and solved tickets of a fictional SaaS support desk. Seeding twice changes nothing.
 */
public final class DemoKnowledge {

  private record Doc(String title, String body, List<String> tags) {}

  private record Solved(String subject, String problem, String resolution) {}

  private static final List<Doc> ARTICLES =
      List.of(
          new Doc(
              "Resetting your password",
              "# Resetting your password\n\nOpen the sign-in page and choose **Forgot password**. We email a reset link that"
                  + " is valid for 30 minutes; request a new one if it expired. After resetting, sign out of every other"
                  + " device and clear saved passwords in your browser, otherwise old credentials keep failing.",
              List.of("login", "password")),
          new Doc(
              "Two-factor authentication codes are rejected",
              "# Two-factor codes rejected\n\nAuthenticator codes depend on the phone's clock. Turn on automatic date and"
                  + " time, then try a fresh code. If you lost the device, use one of your backup codes or ask an admin to"
                  + " reset two-factor authentication from the Users page.",
              List.of("login", "2fa")),
          new Doc(
              "Understanding your invoice",
              "# Understanding your invoice\n\nInvoices are issued on the first day of each billing period. Seats added"
                  + " mid-period are prorated to the day. Taxes follow the billing address on file; update it under"
                  + " Billing > Details before the next invoice to change the tax treatment.",
              List.of("billing", "invoice")),
          new Doc(
              "Requesting a refund",
              "# Requesting a refund\n\nAnnual plans can be refunded in full within 14 days of purchase, and pro rata"
                  + " afterwards when you downgrade. Refunds go back to the original payment method within 5-10 business"
                  + " days. Duplicate charges are refunded automatically once we confirm them.",
              List.of("billing", "refund")),
          new Doc(
              "Exporting your data",
              "# Exporting your data\n\nAdmins can export tickets, users and reports as CSV from Settings > Data export."
                  + " Large exports run in the background and we email a download link valid for 7 days.",
              List.of("data", "export")),
          new Doc(
              "Email notifications are not arriving",
              "# Email notifications not arriving\n\nCheck the spam folder and add notifications@meshdesk.example to your"
                  + " allow list. Corporate mail filters often quarantine automated mail: ask IT to allow our sending"
                  + " domain. Notification preferences are under Profile > Notifications.",
              List.of("email", "notifications")));

  private static final List<Solved> SOLVED =
      List.of(
          new Solved(
              "Cannot log in after password reset",
              "I reset my password this morning and the app still says my password is wrong.",
              "Thanks for reaching out! After a reset, browsers often autofill the old password. Please clear the saved"
                  + " password for our site, sign out on other devices, and sign in typing the new password. That fixed"
                  + " it for your colleague too."),
          new Solved(
              "Charged twice this month",
              "My card was charged twice for the March invoice. Please refund the duplicate payment.",
              "Sorry about that! I confirmed the duplicate charge and issued a refund of the second payment. It will"
                  + " appear on your statement within 5-10 business days."),
          new Solved(
              "Two-factor code not accepted",
              "The 6-digit code from my authenticator app is always invalid.",
              "This usually happens when the phone's clock drifts. Please enable automatic date and time on your phone"
                  + " and use a fresh code. If it still fails, use a backup code and we can reset 2FA for you."),
          new Solved(
              "Export stuck at processing",
              "I started a CSV export of all tickets yesterday and it still says processing.",
              "Large exports are built in the background; yours had finished but the email went to spam. I re-sent the"
                  + " download link, which stays valid for 7 days."),
          new Solved(
              "Not receiving ticket notification emails",
              "Our team stopped getting email notifications for new tickets since Monday.",
              "Your mail server started quarantining our notifications. Please ask IT to allow"
                  + " notifications@meshdesk.example; I also re-enabled notifications on your profile."));

  private DemoKnowledge() {}

  /** Seeds {@code tenant}'s articles and solved tickets; returns the number of documents added. */
  public static int seed(KnowledgeBase kb, UUID tenant) {
    int added = 0;
    Article.Author system = new Article.Author(true, "00000000-0000-0000-0000-000000000000");
    for (Doc d : ARTICLES) {
      try {
        kb.create(tenant, d.title(), d.body(), d.tags(), null, system);
        added++;
      } catch (AlreadyExistsException e) {
        // seeded before
      }
    }
    Instant solvedAt = Instant.now().minus(3, ChronoUnit.DAYS);
    for (Solved s : SOLVED) {
      UUID id =
          UUID.nameUUIDFromBytes((tenant + "/" + s.subject()).getBytes(StandardCharsets.UTF_8));
      kb.recordResolution(
          new Resolution(tenant, id, s.subject(), s.problem(), s.resolution(), solvedAt));
      added++;
    }
    return added;
  }
}
