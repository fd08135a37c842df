package io.meshdesk.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OfflineDrafterTest {

  private static final UUID TENANT = UUID.randomUUID();
  private static final UUID OTHER_TENANT = UUID.randomUUID();

  private final OfflineDrafter drafter = new OfflineDrafter();
  private KnowledgeIndex index;

  @BeforeEach
  void seedKnowledge() {
    index = KnowledgeIndex.inMemory();
    index.upsertTicketResolution(
        TENANT,
        "T-100",
        "Two-factor codes rejected after changing phone",
        "I got a new phone and now every two-factor code from the authenticator app is rejected"
            + " when I sign in.",
        """
        Hi Sam,
        Codes are rejected when the authenticator on the new phone was never re-enrolled.
        1. Open Settings > Security on a device where you are still signed in, or use a backup code.
        2. Choose "Reset two-factor" and scan the new QR code with the authenticator app.
        3. Sign out and back in with a fresh code.
        Best regards,
        Dana\
        """);
    index.upsertTicketResolution(
        TENANT,
        "T-200",
        "Invoice shows wrong VAT number",
        "Our invoice lists an old VAT number for our company.",
        "Update the VAT number under Billing > Company details; the next invoice uses it and we"
            + " reissued the last one.");
    index.upsertArticle(
        TENANT,
        "KB-7",
        "Setting up two-factor authentication",
        "Two-factor authentication adds a code from an authenticator app to every sign in. You can"
            + " reset two-factor from Settings > Security at any time.");
  }

  @AfterEach
  void closeIndex() throws Exception {
    index.close();
  }

  private DraftRequest request(UUID tenant, String subject, String body, String tone) {
    List<RetrievedDocument> context = index.search(tenant, subject + "\n" + body, 5);
    return new DraftRequest(tenant, UUID.randomUUID(), subject, body, List.of(), tone, context);
  }

  @Test
  void ticketSimilarToAResolvedOneGetsADraftGroundedInThatResolution() {
    DraftRequest request =
        request(
            TENANT,
            "2FA code not accepted on my new phone",
            "I switched phones last week and the authenticator codes are not accepted anymore"
                + " when I try to sign in. This is really frustrating.",
            "");

    Draft draft = drafter.draft(request, chunk -> {});

    assertThat(draft.reply())
        .contains("Reset two-factor")
        .contains("scan the new QR code with the authenticator app")
        .contains("Sign out and back in with a fresh code");
    assertThat(draft.sources()).extracting(RetrievedDocument::id).startsWith("T-100");
    assertThat(draft.sources()).extracting(RetrievedDocument::id).doesNotContain("T-200");
    assertThat(draft.confidence()).isGreaterThan(0.5);
    assertThat(draft.category()).isEqualTo("login");
    assertThat(draft.sentiment()).isEqualTo(Draft.Sentiment.NEGATIVE);
    assertThat(draft.drafter()).isEqualTo("offline-bm25");
    assertThat(draft.summary()).isNotBlank().hasSizeLessThanOrEqualTo(Summarizer.MAX_CHARS);
  }

  @Test
  void quotedResolutionLeavesOutTheOriginalGreetingAndSignature() {
    Draft draft =
        drafter.draft(
            request(TENANT, "Two-factor codes rejected", "New phone, codes rejected.", ""),
            chunk -> {});

    assertThat(draft.reply()).doesNotContain("Hi Sam").doesNotContain("Dana");
  }

  @Test
  void relevantArticlesAreReferencedAndCitedAsSources() {
    Draft draft =
        drafter.draft(
            request(
                TENANT,
                "How do I set up two-factor authentication?",
                "Where do I turn on two-factor authentication with an authenticator app?",
                ""),
            chunk -> {});

    assertThat(draft.reply()).contains("See: Setting up two-factor authentication");
    assertThat(draft.sources()).extracting(RetrievedDocument::id).contains("KB-7");
  }

  @Test
  void articleAloneStillGroundsTheReplyWithAnExcerpt() {
    index.delete(TENANT, "T-100");

    Draft draft =
        drafter.draft(
            request(TENANT, "Reset two-factor", "How can I reset two-factor authentication?", ""),
            chunk -> {});

    assertThat(draft.reply()).contains("reset two-factor from Settings > Security");
    assertThat(draft.sources()).extracting(RetrievedDocument::id).containsExactly("KB-7");
  }

  @Test
  void unrelatedTicketGetsAnHonestHoldingReplyWithLowConfidence() {
    Draft draft =
        drafter.draft(
            request(
                TENANT,
                "Parcel never arrived",
                "My order was shipped two weeks ago but the parcel never arrived.",
                ""),
            chunk -> {});

    assertThat(draft.sources()).isEmpty();
    assertThat(draft.confidence()).isLessThan(0.2);
    assertThat(draft.category()).isEqualTo("shipping");
    assertThat(draft.reply()).contains("order number").doesNotContain("Reset two-factor");
  }

  @Test
  void anotherTenantsResolutionsNeverGroundTheDraft() {
    Draft draft =
        drafter.draft(
            request(
                OTHER_TENANT,
                "2FA code not accepted on my new phone",
                "Two-factor codes from the authenticator app are rejected after changing phone.",
                ""),
            chunk -> {});

    assertThat(draft.sources()).isEmpty();
    assertThat(draft.reply()).doesNotContain("Reset two-factor").doesNotContain("QR code");
  }

  @Test
  void lowScoringContextIsNotPassedOffAsAnAnswer() {
    RetrievedDocument weak =
        new RetrievedDocument(
            RetrievedDocument.Kind.RESOLVED_TICKET,
            "T-9",
            "Printer",
            "Printer jams",
            "Clean it",
            0.2);
    DraftRequest request =
        new DraftRequest(
            TENANT,
            UUID.randomUUID(),
            "Printer jams",
            "The printer jams.",
            List.of(),
            "",
            List.of(weak));

    Draft draft = drafter.draft(request, chunk -> {});

    assertThat(draft.sources()).isEmpty();
    assertThat(draft.reply()).doesNotContain("Clean it");
  }

  @Test
  void streamedChunksConcatenateToTheReplySentenceBySentence() {
    List<String> chunks = new ArrayList<>();

    Draft draft =
        drafter.draft(
            request(TENANT, "Invoice has the wrong VAT number", "Our VAT number is outdated.", ""),
            chunks::add);

    assertThat(chunks).hasSizeGreaterThan(3);
    assertThat(String.join("", chunks)).isEqualTo(draft.reply());
    assertThat(draft.reply()).contains("Billing > Company details");
  }

  @Test
  void toneGuidelinesSwitchBetweenFormalAndInformalGreetings() {
    String subject = "Invoice has the wrong VAT number";
    String body = "Our VAT number is outdated.";

    Draft formal =
        drafter.draft(request(TENANT, subject, body, "Be formal and courteous."), c -> {});
    Draft informal =
        drafter.draft(request(TENANT, subject, body, "Friendly, casual, first names."), c -> {});

    assertThat(formal.reply()).startsWith("Dear customer,").contains("Kind regards,");
    assertThat(informal.reply()).startsWith("Hi there!").contains("Cheers,");
  }

  @Test
  void upsetCustomersGetAnApologyAndUrgentTicketsSayItIsUrgent() {
    Draft upset =
        drafter.draft(
            request(TENANT, "Terrible", "Your service is awful and I am furious.", ""), c -> {});
    Draft outage =
        drafter.draft(request(TENANT, "Outage", "Production is down for everyone.", ""), c -> {});

    assertThat(upset.reply()).contains("sorry");
    assertThat(outage.suggestedPriority()).isEqualTo(Draft.Priority.URGENT);
    assertThat(outage.reply()).contains("urgent");
  }

  @Test
  void politeThanksIsNotMistakenForPraise() {
    Draft polite =
        drafter.draft(
            request(
                TENANT, "VAT number", "Hi, can you fix the VAT number on our invoice? Thanks", ""),
            c -> {});
    Draft praising =
        drafter.draft(
            request(TENANT, "Great support", "Your team was amazing, thank you so much!", ""),
            c -> {});

    assertThat(polite.reply()).doesNotContain("kind words");
    assertThat(praising.sentiment()).isEqualTo(Draft.Sentiment.POSITIVE);
    assertThat(praising.reply()).contains("kind words");
  }

  @Test
  void emptyTicketStillGetsADraft() {
    Draft draft =
        drafter.draft(
            new DraftRequest(TENANT, UUID.randomUUID(), null, null, null, null, null), c -> {});

    assertThat(draft.reply()).isNotBlank();
    assertThat(draft.category()).isEqualTo("other");
    assertThat(draft.sentiment()).isEqualTo(Draft.Sentiment.NEUTRAL);
    assertThat(draft.sources()).isEmpty();
  }
}
