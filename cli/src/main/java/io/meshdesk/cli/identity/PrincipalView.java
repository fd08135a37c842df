package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.Principal;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Table;

/** Prints a principal (login, bootstrap, whoami) without any token. */
final class PrincipalView {

  private PrincipalView() {}

  /** Table: a field/value listing after {@code headline}; JSON: the principal. */
  static void print(Output format, Principal p, String tenantSlug, String headline) {
    if (format.human() && headline != null) {
      System.out.println(headline);
    }
    format.print(p, () -> table(p, tenantSlug));
  }

  /** The field/value listing of a principal. */
  static Table table(Principal p, String tenantSlug) {
    return new Table("FIELD", "VALUE")
        .row("email", Formats.text(p.getEmail()))
        .row("name", Formats.text(p.getDisplayName()))
        .row("role", Formats.role(p.getRole()))
        .row("kind", Formats.enumWord(p.getKind().name(), "PRINCIPAL_KIND_"))
        .row(
            "tenant",
            tenantSlug == null || tenantSlug.isEmpty()
                ? Formats.text(p.getTenantId())
                : tenantSlug + " (" + p.getTenantId() + ")")
        .row("subject", p.getSubjectId())
        .row("teams", Formats.list(p.getTeamIdsList()))
        .row("permissions", Formats.list(p.getPermissionsList()));
  }
}
