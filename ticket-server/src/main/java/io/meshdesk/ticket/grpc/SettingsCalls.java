package io.meshdesk.ticket.grpc;

import io.meshdesk.api.ticket.v1.CreateTeamRequest;
import io.meshdesk.api.ticket.v1.CreateTeamResponse;
import io.meshdesk.api.ticket.v1.GetSlaPolicyRequest;
import io.meshdesk.api.ticket.v1.GetSlaPolicyResponse;
import io.meshdesk.api.ticket.v1.ListTeamsRequest;
import io.meshdesk.api.ticket.v1.ListTeamsResponse;
import io.meshdesk.api.ticket.v1.SetSlaPolicyRequest;
import io.meshdesk.api.ticket.v1.SetSlaPolicyResponse;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.ticket.service.Settings;

/** The calls of TicketService that administer the tenant's teams and SLA policy. */
final class SettingsCalls {

  private final Settings settings;

  SettingsCalls(Settings settings) {
    this.settings = settings;
  }

  CreateTeamResponse createTeam(CreateTeamRequest r) {
    return CreateTeamResponse.newBuilder()
        .setTeam(
            TicketMapper.team(
                settings.createTeam(AuthContext.principal(), r.getName(), r.getDescription())))
        .build();
  }

  ListTeamsResponse listTeams(ListTeamsRequest r) {
    return TicketMapper.teams(
        settings.listTeams(
            AuthContext.principal(), r.getPage().getPageSize(), r.getPage().getPageToken()));
  }

  SetSlaPolicyResponse setSlaPolicy(SetSlaPolicyRequest r) {
    return SetSlaPolicyResponse.newBuilder()
        .setPolicy(
            TicketMapper.policy(
                settings.setPolicy(
                    AuthContext.principal(), TicketMapper.targets(r.getTargetsList()))))
        .build();
  }

  GetSlaPolicyResponse getSlaPolicy(GetSlaPolicyRequest r) {
    return GetSlaPolicyResponse.newBuilder()
        .setPolicy(TicketMapper.policy(settings.policy(AuthContext.principal())))
        .build();
  }
}
