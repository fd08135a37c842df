package io.meshdesk.platform.auth;

import static io.meshdesk.platform.auth.Role.ADMIN;
import static io.meshdesk.platform.auth.Role.AGENT;
import static io.meshdesk.platform.auth.Role.CUSTOMER;
import static io.meshdesk.platform.auth.Role.MANAGER;
import static io.meshdesk.platform.auth.Role.PLATFORM_ADMIN;
import static io.meshdesk.platform.auth.Role.SERVICE;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one access table of Meshdesk: every RPC of every service names the permission it needs, and
 * every permission names the roles that hold it. An RPC missing here is refused (deny by default);
 * a test walks every registered service descriptor and fails on a missing entry.
 *
 * <p>Row-level rules (a customer sees only their own tickets and cards, an agent reassigns only
 * their own work) are enforced by the domain on top of this table.
 */
public final class Rbac {

  /** Marker for RPCs that need no token (their request carries its own credential). */
  public static final String PUBLIC = "public";

  private static final Map<String, String> METHODS = new LinkedHashMap<>();
  private static final Map<String, Set<Role>> PERMISSIONS = new LinkedHashMap<>();

  /**
   * Exactly what the AI worker's service account needs: it reads tickets and their comments ({@code
   * tickets.read}) and writes suggestions ({@code suggestions.write}). The knowledge base is its
   * own schema, and the spending assistant calls the ledger with the asking user's token, so
   * neither needs a grant.
   */
  public static final Set<String> AI_WORKER_GRANTS = Set.of("tickets.read", "suggestions.write");

  /** Permissions a service account may be granted (a grant outside this set is ignored). */
  private static final Set<String> SERVICE_GRANTABLE;

  static {
    // permission -> roles holding it
    perm("self.read", PLATFORM_ADMIN, ADMIN, MANAGER, AGENT, CUSTOMER, SERVICE);
    perm("keys.rotate", PLATFORM_ADMIN);
    perm("tenants.manage", PLATFORM_ADMIN);
    perm("users.manage", ADMIN, MANAGER);
    perm("users.admin", ADMIN);
    perm("users.read", ADMIN, MANAGER, AGENT);
    perm("service_accounts.manage", PLATFORM_ADMIN, ADMIN);
    perm("audit.read", PLATFORM_ADMIN, ADMIN);
    perm("tickets.create", ADMIN, MANAGER, AGENT, CUSTOMER);
    perm("tickets.read", ADMIN, MANAGER, AGENT, CUSTOMER);
    perm("tickets.update", ADMIN, MANAGER, AGENT);
    perm("tickets.assign", ADMIN, MANAGER, AGENT);
    perm("tickets.comment", ADMIN, MANAGER, AGENT, CUSTOMER);
    perm("tickets.session", ADMIN, MANAGER, AGENT);
    perm("queues.read", ADMIN, MANAGER, AGENT);
    perm("settings.manage", ADMIN);
    perm("settings.read", ADMIN, MANAGER, AGENT);
    perm("suggestions.write");
    perm("suggestions.feedback", ADMIN, MANAGER, AGENT);
    perm("kb.write", ADMIN, MANAGER);
    perm("kb.read", ADMIN, MANAGER, AGENT);
    perm("ledger.products.manage", ADMIN);
    perm("ledger.cards.manage", ADMIN, MANAGER);
    perm("ledger.read", ADMIN, MANAGER, CUSTOMER);
    perm("ledger.post", ADMIN);
    perm("ledger.pay", ADMIN, CUSTOMER);
    perm("ledger.adjust", ADMIN);
    // Settling makes a customer's payment instruction count as money received: never customers.
    perm("ledger.settle", ADMIN);
    perm("ledger.audit", ADMIN);
    perm("ledger.assistant", ADMIN, MANAGER, CUSTOMER);
    perm("reminders.manage", ADMIN, CUSTOMER);
    perm("reminders.read", ADMIN, MANAGER, CUSTOMER);
    perm("reminders.operate", ADMIN);
    // Webhooks POST from inside the network, so only admins may point a rule at a URL.
    perm("reminders.webhooks", ADMIN);

    SERVICE_GRANTABLE =
        Set.of(
            "tickets.create",
            "tickets.read",
            "tickets.comment",
            "suggestions.write",
            "kb.read",
            "kb.write",
            "ledger.read",
            "ledger.post",
            "ledger.pay",
            "ledger.adjust",
            "ledger.settle",
            "reminders.read",
            "users.read");

    // meshdesk.identity.v1.IdentityService
    String id = "meshdesk.identity.v1.IdentityService/";
    rpc(id + "Login", PUBLIC);
    rpc(id + "Refresh", PUBLIC);
    rpc(id + "Logout", PUBLIC);
    rpc(id + "IssueServiceToken", PUBLIC);
    rpc(id + "GetSigningKeys", PUBLIC);
    rpc(id + "Bootstrap", PUBLIC);
    rpc(id + "WhoAmI", "self.read");
    rpc(id + "RotateSigningKey", "keys.rotate");
    rpc(id + "CreateTenant", "tenants.manage");
    rpc(id + "ListTenants", "tenants.manage");
    rpc(id + "GetTenant", "tenants.manage");
    rpc(id + "SuspendTenant", "tenants.manage");
    rpc(id + "ReactivateTenant", "tenants.manage");
    rpc(id + "CreateUser", "users.manage");
    rpc(id + "UpdateUserRole", "users.admin");
    rpc(id + "UpdateUserTeams", "users.manage");
    rpc(id + "DeactivateUser", "users.admin");
    rpc(id + "ListUsers", "users.read");
    rpc(id + "GetUser", "users.read");
    rpc(id + "CreateServiceAccount", "service_accounts.manage");
    rpc(id + "ListServiceAccounts", "service_accounts.manage");
    rpc(id + "RevokeServiceAccount", "service_accounts.manage");
    rpc(id + "ListAuditEvents", "audit.read");

    // meshdesk.ticket.v1.TicketService
    String t = "meshdesk.ticket.v1.TicketService/";
    rpc(t + "CreateTicket", "tickets.create");
    rpc(t + "GetTicket", "tickets.read");
    rpc(t + "ListTickets", "tickets.read");
    rpc(t + "UpdateTicket", "tickets.update");
    rpc(t + "AssignTicket", "tickets.assign");
    rpc(t + "MergeTickets", "tickets.update");
    rpc(t + "AddComment", "tickets.comment");
    rpc(t + "ListComments", "tickets.read");
    rpc(t + "GetTicketHistory", "tickets.read");
    rpc(t + "GetQueueCounts", "queues.read");
    rpc(t + "CreateTeam", "settings.manage");
    rpc(t + "ListTeams", "settings.read");
    rpc(t + "SetSlaPolicy", "settings.manage");
    rpc(t + "GetSlaPolicy", "settings.read");
    rpc(t + "Subscribe", "tickets.read");
    rpc(t + "AgentSession", "tickets.session");
    rpc(t + "WatchTicket", "tickets.session");
    rpc(t + "SetTyping", "tickets.session");
    rpc(t + "AttachSuggestion", "suggestions.write");
    rpc(t + "AppendSuggestionDraft", "suggestions.write");
    rpc(t + "MarkAiUnavailable", "suggestions.write");
    rpc(t + "RecordSuggestionFeedback", "suggestions.feedback");

    // meshdesk.knowledge.v1.KnowledgeService
    String k = "meshdesk.knowledge.v1.KnowledgeService/";
    rpc(k + "CreateArticle", "kb.write");
    rpc(k + "UpdateArticle", "kb.write");
    rpc(k + "DeleteArticle", "kb.write");
    rpc(k + "GetArticle", "kb.read");
    rpc(k + "ListArticles", "kb.read");
    rpc(k + "SearchArticles", "kb.read");

    // meshdesk.ai.v1.AssistantService
    rpc("meshdesk.ai.v1.AssistantService/AskSpending", "ledger.assistant");
    rpc("meshdesk.ai.v1.AssistantService/Ask", "ledger.assistant");

    // meshdesk.ledger.v1.LedgerService
    String l = "meshdesk.ledger.v1.LedgerService/";
    rpc(l + "CreateCardProduct", "ledger.products.manage");
    rpc(l + "ListCardProducts", "ledger.read");
    rpc(l + "GetCardProduct", "ledger.read");
    rpc(l + "IssueCard", "ledger.cards.manage");
    rpc(l + "UpdateCreditLimit", "ledger.cards.manage");
    rpc(l + "SetCardStatus", "ledger.cards.manage");
    rpc(l + "GetCard", "ledger.read");
    rpc(l + "ListCards", "ledger.read");
    rpc(l + "GetLimitHistory", "ledger.read");
    rpc(l + "GetBalance", "ledger.read");
    rpc(l + "ListTransactions", "ledger.read");
    rpc(l + "ListJournalEntries", "ledger.read");
    rpc(l + "ListStatements", "ledger.read");
    rpc(l + "GetStatement", "ledger.read");
    rpc(l + "GetSpending", "ledger.read");
    rpc(l + "ListUnusualCharges", "ledger.read");
    rpc(l + "Authorize", "ledger.post");
    rpc(l + "Capture", "ledger.post");
    rpc(l + "Void", "ledger.post");
    rpc(l + "Purchase", "ledger.post");
    rpc(l + "Refund", "ledger.post");
    rpc(l + "CashAdvance", "ledger.post");
    rpc(l + "BatchPost", "ledger.post");
    rpc(l + "Payment", "ledger.pay");
    rpc(l + "SettlePayment", "ledger.settle");
    rpc(l + "PostFee", "ledger.adjust");
    rpc(l + "Reverse", "ledger.adjust");
    rpc(l + "Audit", "ledger.audit");
    rpc(l + "WatchAudit", "ledger.audit");

    // meshdesk.reminder.v1.ReminderService
    String r = "meshdesk.reminder.v1.ReminderService/";
    rpc(r + "CreateReminderRule", "reminders.manage");
    rpc(r + "DeleteReminderRule", "reminders.manage");
    rpc(r + "ListReminderRules", "reminders.read");
    rpc(r + "ListDeliveries", "reminders.read");
    rpc(r + "ListDeadLetters", "reminders.operate");
    rpc(r + "RetryDeadLetter", "reminders.operate");
  }

  private Rbac() {}

  private static void perm(String permission, Role... roles) {
    PERMISSIONS.put(
        permission, roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles));
  }

  private static void rpc(String fullMethod, String permission) {
    if (!PUBLIC.equals(permission) && !PERMISSIONS.containsKey(permission)) {
      throw new IllegalStateException("unknown permission " + permission + " for " + fullMethod);
    }
    METHODS.put(fullMethod, permission);
  }

  /**
   * The permission a method needs ({@link #PUBLIC} for none), or empty when it is not in the table.
   */
  public static Optional<String> permissionFor(String fullMethodName) {
    return Optional.ofNullable(METHODS.get(fullMethodName));
  }

  /** Whether the principal holds the permission: by role, or by grant for service accounts. */
  public static boolean allows(Principal principal, String permission) {
    Set<Role> roles = PERMISSIONS.get(permission);
    if (roles != null && roles.contains(principal.role())) {
      return true;
    }
    return principal.role() == SERVICE
        && SERVICE_GRANTABLE.contains(permission)
        && principal.grants().contains(permission);
  }

  /** Every method in the table with its permission (for documentation and tests). */
  public static Map<String, String> methods() {
    return Map.copyOf(METHODS);
  }

  /** Every permission with the roles that hold it (for documentation and tests). */
  public static Map<String, Set<Role>> permissions() {
    Map<String, Set<Role>> copy = new LinkedHashMap<>();
    PERMISSIONS.forEach((p, roles) -> copy.put(p, Set.copyOf(roles)));
    return copy;
  }

  /** Permissions a service account may be granted. */
  public static Set<String> serviceGrantable() {
    return SERVICE_GRANTABLE;
  }

  /** Roles to permissions, inverted (for documentation). */
  public static Map<Role, Set<String>> byRole() {
    Map<Role, Set<String>> out = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      out.put(role, new java.util.TreeSet<>());
    }
    PERMISSIONS.forEach((p, roles) -> roles.forEach(role -> out.get(role).add(p)));
    return out;
  }
}
