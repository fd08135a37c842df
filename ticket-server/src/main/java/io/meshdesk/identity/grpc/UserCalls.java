package io.meshdesk.identity.grpc;

import io.meshdesk.api.identity.v1.CreateUserRequest;
import io.meshdesk.api.identity.v1.CreateUserResponse;
import io.meshdesk.api.identity.v1.DeactivateUserRequest;
import io.meshdesk.api.identity.v1.DeactivateUserResponse;
import io.meshdesk.api.identity.v1.GetUserRequest;
import io.meshdesk.api.identity.v1.GetUserResponse;
import io.meshdesk.api.identity.v1.ListUsersRequest;
import io.meshdesk.api.identity.v1.ListUsersResponse;
import io.meshdesk.api.identity.v1.UpdateUserRoleRequest;
import io.meshdesk.api.identity.v1.UpdateUserRoleResponse;
import io.meshdesk.api.identity.v1.UpdateUserTeamsRequest;
import io.meshdesk.api.identity.v1.UpdateUserTeamsResponse;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.domain.User;
import io.meshdesk.identity.service.UserService;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import java.util.List;
import java.util.UUID;

/** User calls of IdentityService (a tenant's users, administered by its admins). */
final class UserCalls {

  private final UserService users;

  UserCalls(UserService users) {
    this.users = users;
  }

  CreateUserResponse createUser(CreateUserRequest r) {
    User u =
        users.create(
            me(),
            r.getEmail(),
            r.getDisplayName(),
            IdentityMapper.role(r.getRole()),
            r.hasPassword() ? r.getPassword() : null,
            ids(r.getTeamIdsList()));
    return CreateUserResponse.newBuilder().setUser(IdentityMapper.user(u)).build();
  }

  UpdateUserRoleResponse updateUserRole(UpdateUserRoleRequest r) {
    User u = users.setRole(me(), UUID.fromString(r.getUserId()), IdentityMapper.role(r.getRole()));
    return UpdateUserRoleResponse.newBuilder().setUser(IdentityMapper.user(u)).build();
  }

  UpdateUserTeamsResponse updateUserTeams(UpdateUserTeamsRequest r) {
    User u = users.setTeams(me(), UUID.fromString(r.getUserId()), ids(r.getTeamIdsList()));
    return UpdateUserTeamsResponse.newBuilder().setUser(IdentityMapper.user(u)).build();
  }

  DeactivateUserResponse deactivateUser(DeactivateUserRequest r) {
    User u = users.deactivate(me(), UUID.fromString(r.getUserId()), r.getReason());
    return DeactivateUserResponse.newBuilder().setUser(IdentityMapper.user(u)).build();
  }

  ListUsersResponse listUsers(ListUsersRequest r) {
    Boolean active =
        switch (r.getStatus()) {
          case USER_STATUS_ACTIVE -> true;
          case USER_STATUS_DEACTIVATED -> false;
          default -> null;
        };
    Page<User> page =
        users.list(
            me(),
            IdentityMapper.role(r.getRole()),
            active,
            IdentityMapper.uuidOrNull(r.getTeamId()),
            r.getQuery(),
            r.getPage().getPageSize(),
            r.getPage().getPageToken());
    return ListUsersResponse.newBuilder()
        .addAllUsers(page.items().stream().map(IdentityMapper::user).toList())
        .setPage(IdentityMapper.next(page))
        .build();
  }

  GetUserResponse getUser(GetUserRequest r) {
    User u = users.get(me(), UUID.fromString(r.getUserId()));
    return GetUserResponse.newBuilder().setUser(IdentityMapper.user(u)).build();
  }

  private static Principal me() {
    return AuthContext.principal();
  }

  private static List<UUID> ids(List<String> ids) {
    return ids.stream().map(UUID::fromString).toList();
  }
}
