package io.meshdesk.cli.hostile;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TextFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A valid request per method, in protobuf text format; {@code ${name}} stands for an id of the
 * running system. Requests that would harm the fixture on a valid call (suspend, deactivate,
 * revoke, delete) point at ids that do not exist. A method missing here fails the walk, so a new
 * RPC cannot go untested.
 */
final class RequestSamples {

  private static final String PAGE = "page { page_size: 10 } ";
  private static final String MONEY = "{ amount_minor: 1500 currency: 'USD' }";
  private static final String MERCHANT =
      "merchant { name: 'Corner Shop' mcc: '5411' country: 'US' city: 'Austin' merchant_id: 'm-1' }";

  private static final Map<String, String> SAMPLES = new HashMap<>();

  static {
    String id = "meshdesk.identity.v1.IdentityService/";
    put(
        id + "Login",
        "email: 'admin@demo.meshdesk.dev' password: '${password}' tenant_slug: 'demo'");
    put(id + "Refresh", "refresh_token: '${refresh}'");
    put(id + "Logout", "refresh_token: '${refresh}'");
    put(id + "IssueServiceToken", "client_id: '${client_id}' client_secret: '${client_secret}'");
    put(id + "GetSigningKeys", "");
    put(id + "RotateSigningKey", "previous_key_overlap { seconds: 3600 }");
    put(
        id + "Bootstrap",
        "bootstrap_token: 'not-the-bootstrap-token' email: 'root@example.com' password: 'correct horse battery' display_name: 'Root'");
    put(id + "WhoAmI", "");
    put(
        id + "CreateTenant",
        "slug: 'acme-${n}' display_name: 'Acme' time_zone: 'Europe/Paris'"
            + " initial_admin { email: 'boss@acme.example' display_name: 'Boss' password: 'correct horse battery' }");
    put(id + "ListTenants", PAGE + "status: TENANT_STATUS_ACTIVE");
    put(id + "GetTenant", "tenant_id: '${tenant}'");
    put(id + "SuspendTenant", "tenant_id: '${unknown}' reason: 'unpaid'");
    put(id + "ReactivateTenant", "tenant_id: '${unknown}'");
    put(
        id + "CreateUser",
        "email: 'new-${n}@demo.meshdesk.dev' display_name: 'New Agent' role: ROLE_AGENT password: 'correct horse battery' team_ids: '${team}'");
    put(id + "UpdateUserRole", "user_id: '${unknown}' role: ROLE_MANAGER");
    put(id + "UpdateUserTeams", "user_id: '${agent}' team_ids: '${team}'");
    put(id + "DeactivateUser", "user_id: '${unknown}' reason: 'left'");
    put(
        id + "ListUsers",
        PAGE + "role: ROLE_AGENT status: USER_STATUS_ACTIVE team_id: '${team}' query: 'demo'");
    put(id + "GetUser", "user_id: '${agent}'");
    put(
        id + "CreateServiceAccount",
        "name: 'robot-${n}' description: 'Robot' permissions: 'tickets.read'");
    put(id + "ListServiceAccounts", PAGE + "include_revoked: true");
    put(id + "RevokeServiceAccount", "service_account_id: '${unknown}' reason: 'leaked'");
    put(
        id + "ListAuditEvents",
        PAGE
            + "action: 'user.created' actor_id: '${admin}' time_range { start_time { seconds: 1700000000 } end_time { seconds: 1900000000 } }");

    String t = "meshdesk.ticket.v1.TicketService/";
    put(
        t + "CreateTicket",
        "subject: 'Card declined' body: 'My card was declined.' priority: TICKET_PRIORITY_HIGH tags: 'billing'"
            + " custom_fields { key: 'order' value: '42' } requester_id: '${customer}' team_id: '${team}' request_id: 'req-${n}'"
            + " transaction_id: '5b0e7c52-8f0a-4d5e-9a51-0c1d2e3f4a5b'");
    put(t + "GetTicket", "ticket_id: '${ticket}'");
    put(
        t + "ListTickets",
        PAGE
            + "statuses: TICKET_STATUS_NEW priorities: TICKET_PRIORITY_HIGH assignee_id: '${agent}'"
            + " requester_id: '${customer}' tag: 'billing' team_id: '${team}' query: 'card' order: TICKET_ORDER_CREATED_AT_DESC");
    put(
        t + "UpdateTicket",
        "ticket_id: '${ticket}' expected_version: 1 subject: 'Card declined twice' status: TICKET_STATUS_OPEN"
            + " priority: TICKET_PRIORITY_URGENT tags { values: 'billing' } custom_fields { values { key: 'order' value: '43' } } team_id: '${team}'");
    put(t + "AssignTicket", "ticket_id: '${ticket}' expected_version: 1 assignee_id: '${agent}'");
    put(
        t + "MergeTickets",
        "duplicate_ticket_id: '${ticket}' target_ticket_id: '${unknown}' comment: 'Same problem.' request_id: 'm-${n}'");
    put(
        t + "AddComment",
        "ticket_id: '${ticket}' body: 'Looking into it.' visibility: COMMENT_VISIBILITY_PUBLIC request_id: 'c-${n}'");
    put(
        t + "ListComments",
        "ticket_id: '${ticket}' " + PAGE + "visibility: COMMENT_VISIBILITY_PUBLIC");
    put(t + "GetTicketHistory", "ticket_id: '${ticket}' " + PAGE);
    put(t + "GetQueueCounts", "");
    put(t + "CreateTeam", "name: 'Team ${n}' description: 'Second line'");
    put(t + "ListTeams", PAGE);
    put(
        t + "SetSlaPolicy",
        "targets { priority: TICKET_PRIORITY_HIGH first_response { seconds: 3600 } resolution { seconds: 86400 } }");
    put(t + "GetSlaPolicy", "");
    put(t + "Subscribe", "after_sequence: 0 filter { ticket_ids: '${ticket}' }");
    put(
        t + "AgentSession",
        "hello { after_sequence: 0 filter { queue: TICKET_QUEUE_ALL } client_name: 'fuzz' max_unacked_events: 100 }");
    put(t + "WatchTicket", "ticket_id: '${ticket}' version: 1");
    put(
        t + "SetTyping",
        "ticket_id: '${ticket}' typing: true visibility: COMMENT_VISIBILITY_PUBLIC");
    put(
        t + "AttachSuggestion",
        "ticket_id: '${ticket}' job_id: '${unknown}' ticket_version: 1 sentiment { label: SENTIMENT_LABEL_NEGATIVE score: -0.5 }"
            + " category: 'billing' suggested_priority: TICKET_PRIORITY_HIGH summary: 'Declined card' drafted_reply: 'Sorry about that.'"
            + " confidence: 0.8 sources { kind: SUGGESTION_SOURCE_KIND_ARTICLE id: '${article}' title: 'Cards' score: 0.7 } drafter: 'offline'"
            + " generation_time { seconds: 2 }");
    put(
        t + "AppendSuggestionDraft",
        "ticket_id: '${ticket}' job_id: '${unknown}' chunk_index: 0 text: 'Sorry'");
    put(
        t + "MarkAiUnavailable",
        "ticket_id: '${ticket}' job_id: '${unknown}' reason: AI_UNAVAILABLE_REASON_TIMEOUT detail: 'timed out'");
    put(
        t + "RecordSuggestionFeedback",
        "suggestion_id: '${unknown}' outcome: SUGGESTION_OUTCOME_EDITED final_text: 'Sorry!'");

    String k = "meshdesk.knowledge.v1.KnowledgeService/";
    put(
        k + "CreateArticle",
        "title: 'Lost cards' body: 'Freeze the card first.' tags: 'cards' slug: 'lost-cards-${n}'");
    put(
        k + "UpdateArticle",
        "article_id: '${article}' expected_version: 1 title: 'Lost cards' body: 'Freeze it.' tags { values: 'cards' } slug: 'lost-${n}'");
    put(k + "DeleteArticle", "article_id: '${unknown}' expected_version: 1");
    put(k + "GetArticle", "article_id: '${article}'");
    put(k + "ListArticles", PAGE + "tag: 'cards' updated_since { seconds: 1700000000 }");
    put(k + "SearchArticles", "query: 'lost card' limit: 5 tags: 'cards'");

    put(
        "meshdesk.ai.v1.AssistantService/AskSpending",
        "question: 'How much did I spend on coffee?' card_id: '${card}'");
    put(
        "meshdesk.ai.v1.AssistantService/Ask",
        "question: 'How much did I spend on coffee?' card_id: '${card}'");

    String l = "meshdesk.ledger.v1.LedgerService/";
    put(
        l + "CreateCardProduct",
        "name: 'Gold ${n}' network: CARD_NETWORK_VISA currency: 'USD' purchase_apr_bps: 1999 cash_advance_apr_bps: 2499"
            + " grace_days: 25 min_payment { floor "
            + MONEY
            + " percent_bps: 200 } late_fee "
            + MONEY);
    put(l + "ListCardProducts", PAGE);
    put(l + "GetCardProduct", "product_id: '${product}'");
    put(
        l + "IssueCard",
        "holder_user_id: '${customer}' product_id: '${product}' credit_limit "
            + MONEY
            + " billing_cycle_day: 5 idempotency_key: 'issue-${n}'");
    put(l + "UpdateCreditLimit", "card_id: '${card}' new_limit " + MONEY + " reason: 'review'");
    put(l + "SetCardStatus", "card_id: '${unknown}' status: CARD_STATUS_FROZEN reason: 'lost'");
    put(l + "GetCard", "card_id: '${card}'");
    put(
        l + "ListCards",
        PAGE + "holder_user_id: '${customer}' status: CARD_STATUS_ACTIVE product_id: '${product}'");
    put(l + "GetLimitHistory", "card_id: '${card}' " + PAGE);
    put(l + "GetBalance", "card_id: '${card}'");
    put(
        l + "ListTransactions",
        "card_id: '${card}' "
            + PAGE
            + "posted { start_time { seconds: 1700000000 } end_time { seconds: 1900000000 } } types: TRANSACTION_TYPE_PURCHASE");
    put(
        l + "ListJournalEntries",
        "card_id: '${card}' "
            + PAGE
            + "posted { start_time { seconds: 1700000000 } end_time { seconds: 1900000000 } }");
    put(l + "ListStatements", "card_id: '${card}' " + PAGE);
    put(l + "GetStatement", "statement_id: '${unknown}'");
    put(l + "GetSpending", "card_id: '${card}' from_month: '2026-01' to_month: '2026-03'");
    put(l + "ListUnusualCharges", "card_id: '${card}' since { seconds: 1700000000 }");
    put(
        l + "Authorize",
        "card_id: '${card}' amount "
            + MONEY
            + " "
            + MERCHANT
            + " idempotency_key: 'auth-${n}' expires_in { seconds: 3600 }");
    put(l + "Capture", "hold_id: '${unknown}' amount " + MONEY + " idempotency_key: 'cap-${n}'");
    put(l + "Void", "hold_id: '${unknown}' idempotency_key: 'void-${n}'");
    put(
        l + "Purchase",
        "card_id: '${card}' amount " + MONEY + " " + MERCHANT + " idempotency_key: 'buy-${n}'");
    put(
        l + "Refund",
        "card_id: '${card}' original_transaction_id: '${unknown}' amount "
            + MONEY
            + " "
            + MERCHANT
            + " idempotency_key: 'ref-${n}'");
    put(
        l + "CashAdvance",
        "card_id: '${card}' amount " + MONEY + " " + MERCHANT + " idempotency_key: 'cash-${n}'");
    put(
        l + "BatchPost",
        "operations { purchase { card_id: '${card}' amount "
            + MONEY
            + " "
            + MERCHANT
            + " idempotency_key: 'batch-${n}' } }");
    put(
        l + "Payment",
        "card_id: '${card}' amount "
            + MONEY
            + " reference: 'bank transfer' idempotency_key: 'pay-${n}'");
    put(
        l + "PostFee",
        "card_id: '${card}' amount "
            + MONEY
            + " fee_type: FEE_TYPE_OTHER description: 'Paper statement' idempotency_key: 'fee-${n}'");
    put(
        l + "Reverse",
        "card_id: '${card}' original_transaction_id: '${unknown}' reason: 'duplicate' idempotency_key: 'rev-${n}'");
    put(
        l + "SettlePayment",
        "pending_payment_id: '${unknown}' outcome: SETTLEMENT_OUTCOME_SETTLED");
    put(l + "Audit", "card_id: '${card}' max_violations: 10");
    put(l + "WatchAudit", "card_id: '${card}' max_violations: 10");

    String r = "meshdesk.reminder.v1.ReminderService/";
    put(
        r + "CreateReminderRule",
        "card_id: '${card}' kind: REMINDER_KIND_DAYS_BEFORE_DUE days_before: 3 channel: REMINDER_CHANNEL_EMAIL"
            + " destination: 'customer@demo.meshdesk.dev' quiet_hours_start { hours: 22 } quiet_hours_end { hours: 7 } time_zone: 'Europe/Paris'");
    put(r + "ListReminderRules", PAGE + "card_id: '${card}'");
    put(r + "DeleteReminderRule", "rule_id: '${unknown}'");
    put(
        r + "ListDeliveries",
        "card_id: '${card}' "
            + PAGE
            + "rule_id: '${unknown}' outcome: DELIVERY_OUTCOME_DELIVERED"
            + " due { start_time { seconds: 1700000000 } end_time { seconds: 1900000000 } }");
    put(r + "ListDeadLetters", PAGE + "card_id: '${card}'");
    put(r + "RetryDeadLetter", "dead_letter_id: '${unknown}'");

    put("grpc.health.v1.Health/Check", "service: ''");
    put("grpc.health.v1.Health/Watch", "service: ''");
    put("grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "list_services: ''");
    put("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", "list_services: ''");
  }

  private RequestSamples() {}

  private static void put(String method, String text) {
    SAMPLES.put(method, text);
  }

  /** The sample of {@code method} with ids filled in, or empty when the method has none. */
  static Optional<DynamicMessage> of(String method, Descriptor type, Map<String, String> ids) {
    String text = SAMPLES.get(method);
    if (text == null) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>(ids);
    values.put("unknown", UUID.randomUUID().toString());
    values.put("n", Long.toString(System.nanoTime(), 36));
    for (Map.Entry<String, String> e : values.entrySet()) {
      text = text.replace("${" + e.getKey() + "}", e.getValue());
    }
    if (text.contains("${")) {
      throw new AssertionError("sample of " + method + " names an id the fixture lacks: " + text);
    }
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    try {
      TextFormat.merge(text, builder);
    } catch (TextFormat.ParseException e) {
      throw new AssertionError("sample of " + method + " does not parse: " + e.getMessage(), e);
    }
    return Optional.of(builder.build());
  }
}
