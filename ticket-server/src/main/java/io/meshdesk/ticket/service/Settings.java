package io.meshdesk.ticket.service;

import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.api.ticket.v1.ListTeamsResponse;
import io.meshdesk.api.ticket.v1.SlaPolicy;
import io.meshdesk.api.ticket.v1.SlaTarget;
import io.meshdesk.api.ticket.v1.Team;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.persistence.SlaPolicyStore;
import io.meshdesk.ticket.persistence.TeamStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Teams and the SLA policy of a tenant. */
public final class Settings {

  private final TicketTransactions writes;
  private final Actors actors;
  private final TeamStore teams;
  private final SlaPolicyStore policies;

  public Settings(
      TicketTransactions writes, Actors actors, TeamStore teams, SlaPolicyStore policies) {
    this.writes = writes;
    this.actors = actors;
    this.teams = teams;
    this.policies = policies;
  }

  /** Creates a team; ALREADY_EXISTS when the name is taken. */
  public Team createTeam(Principal p, String name, String description) {
    return writes.run(
        p.requireTenant(),
        tx -> {
          Team team =
              Team.newBuilder()
                  .setId(UUID.randomUUID().toString())
                  .setName(name)
                  .setDescription(description)
                  .setCreatedAt(ProtoTime.timestamp(tx.now()))
                  .build();
          if (!teams.insert(tx.connection(), tx.tenant(), team, tx.now())) {
            throw new AlreadyExistsException("a team named '" + name + "' exists");
          }
          return team;
        });
  }

  /** Teams by name, paged. */
  public ListTeamsResponse listTeams(Principal p, int pageSize, String pageToken) {
    int size = pageSize == 0 ? 50 : pageSize;
    String after = teamsAfter(pageToken);
    return writes
        .transactions()
        .inTenant(
            p.requireTenant(),
            c -> {
              List<Team> rows = teams.page(c, p.requireTenant(), after, size + 1);
              ListTeamsResponse.Builder b =
                  ListTeamsResponse.newBuilder().addAllTeams(rows.stream().limit(size).toList());
              String next =
                  rows.size() > size
                      ? Base64.getUrlEncoder()
                          .withoutPadding()
                          .encodeToString(
                              rows.get(size - 1).getName().getBytes(StandardCharsets.UTF_8))
                      : "";
              return b.setPage(PageResponse.newBuilder().setNextPageToken(next)).build();
            });
  }

  /**
   * The team name a ListTeams page token continues after; a token this list did not issue is bad
   * input.
   */
  private static String teamsAfter(String pageToken) {
    if (pageToken.isEmpty()) {
      return "";
    }
    String after;
    try {
      after = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("page.page_token", "not a token of this list");
    }
    if (after.indexOf('\0') >= 0 || after.indexOf('\uFFFD') >= 0) {
      throw new InvalidArgumentException("page.page_token", "not a token of this list");
    }
    return after;
  }

  /** Replaces the SLA policy; applies to tickets created or re-prioritised afterwards. */
  public SlaPolicy setPolicy(Principal p, List<SlaTarget> targets) {
    var actor = actors.of(p);
    return writes.run(
        p.requireTenant(),
        tx -> {
          policies.replace(tx.connection(), tx.tenant(), targets, actor, tx.now());
          return policies.policy(tx.connection(), tx.tenant());
        });
  }

  /** The SLA policy in force. */
  public SlaPolicy policy(Principal p) {
    UUID tenant = p.requireTenant();
    return writes.transactions().inTenant(tenant, c -> policies.policy(c, tenant));
  }
}
