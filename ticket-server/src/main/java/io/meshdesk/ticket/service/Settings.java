package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.ticket.domain.Page;
import io.meshdesk.ticket.domain.SlaPolicies;
import io.meshdesk.ticket.domain.SlaPolicy;
import io.meshdesk.ticket.domain.SlaTarget;
import io.meshdesk.ticket.domain.Team;
import io.meshdesk.ticket.domain.Teams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Teams and the SLA policy of a tenant. */
public final class Settings {

  private final Actors actors;
  private final Teams teams;
  private final SlaPolicies policies;
  private final Clock clock;

  public Settings(Actors actors, Teams teams, SlaPolicies policies, Clock clock) {
    this.actors = actors;
    this.teams = teams;
    this.policies = policies;
    this.clock = clock;
  }

  /** Creates a team; ALREADY_EXISTS when the name is taken. */
  public Team createTeam(Principal p, String name, String description) {
    Team team = new Team(UUID.randomUUID(), name, description, now());
    if (!teams.create(p.requireTenant(), team)) {
      throw new AlreadyExistsException("a team named '" + name + "' exists");
    }
    return team;
  }

  /** Teams by name, paged. */
  public Page<Team> listTeams(Principal p, int pageSize, String pageToken) {
    int size = pageSize == 0 ? 50 : pageSize;
    List<Team> rows = teams.page(p.requireTenant(), teamsAfter(pageToken), size + 1);
    String next =
        rows.size() > size
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(rows.get(size - 1).name().getBytes(StandardCharsets.UTF_8))
            : "";
    return new Page<>(rows.stream().limit(size).toList(), next);
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
    return policies.replace(p.requireTenant(), targets, actors.of(p), now());
  }

  /** The SLA policy in force. */
  public SlaPolicy policy(Principal p) {
    return policies.current(p.requireTenant());
  }

  /** The time of a change, at PostgreSQL's microsecond precision, as it reads back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
