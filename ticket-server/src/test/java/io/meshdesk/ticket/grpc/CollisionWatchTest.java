package io.meshdesk.ticket.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.CollisionNotice;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import org.junit.jupiter.api.Test;

class CollisionWatchTest {

  static TicketEvent changedBy(Actor actor) {
    return TicketEvent.newBuilder()
        .setTicketId("t1")
        .setTicketVersion(4)
        .setActor(actor)
        .setTicketUpdated(
            TicketUpdated.newBuilder()
                .setChangedFields(FieldMask.newBuilder().addPaths("status").addPaths("priority")))
        .build();
  }

  @Test
  void aNoticeSaysWhoChangedTheTicketToWhichVersionAndWhatChanged() {
    CollisionNotice n =
        CollisionWatch.notice(
            changedBy(Actor.newBuilder().setId("u2").setDisplayName("Grace").build()));

    assertThat(n.getTicketId()).isEqualTo("t1");
    assertThat(n.getVersion()).isEqualTo(4);
    assertThat(n.getChangedBy().getId()).isEqualTo("u2");
    assertThat(n.getChangedFields().getPathsList()).containsExactly("status", "priority");
    assertThat(n.getMessage()).isEqualTo("Ticket changed to version 4 by Grace");
  }

  @Test
  void aNoticeNamesAnActorWithoutADisplayNameByItsId() {
    CollisionNotice n = CollisionWatch.notice(changedBy(Actor.newBuilder().setId("u2").build()));

    assertThat(n.getMessage()).isEqualTo("Ticket changed to version 4 by u2");
  }
}
