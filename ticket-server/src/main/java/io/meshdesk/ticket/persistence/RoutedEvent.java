package io.meshdesk.ticket.persistence;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meshdesk.api.ticket.v1.TicketEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * A ticket event with what streams need to route it without parsing it: tenant, the ticket's
 * requester, assignee and team after (and before) the change, and whether it is staff-only. Stored
 * in the outbox and carried on Redis as bytes.
 *
 * @param sequence the per-tenant sequence; 0 for ephemeral events (draft chunks)
 * @param requesterId the ticket's requester ("" if none)
 * @param assigneeId assignee after the change ("" if none)
 * @param previousAssigneeId assignee before the change ("" if none)
 * @param teamId team after the change ("" if none)
 * @param previousTeamId team before the change ("" if none)
 * @param staffOnly internal notes, AI and SLA events: never sent to customers
 * @param publicCommentCount comment count customers see, for their view of the ticket
 */
public record RoutedEvent(
    UUID tenant,
    long sequence,
    String requesterId,
    String assigneeId,
    String previousAssigneeId,
    String teamId,
    String previousTeamId,
    boolean staffOnly,
    int publicCommentCount,
    TicketEvent event) {

  /**
   * This envelope as read from an outbox row whose columns hold the sequence and, for a new ticket,
   * its number (rows are written before those are known; see {@code Outbox}).
   *
   * @param ticketNumber the new ticket's number, 0 when the row has none
   */
  public RoutedEvent withStoredNumbers(long seq, long ticketNumber) {
    TicketEvent e = event;
    boolean renumber =
        ticketNumber > 0
            && e.hasTicketCreated()
            && e.getTicketCreated().getTicket().getNumber() != ticketNumber;
    if (e.getSequence() != seq || renumber) {
      TicketEvent.Builder b = e.toBuilder().setSequence(seq);
      if (renumber) {
        b.getTicketCreatedBuilder().getTicketBuilder().setNumber(ticketNumber);
      }
      e = b.build();
    }
    return e == event && seq == sequence
        ? this
        : new RoutedEvent(
            tenant,
            seq,
            requesterId,
            assigneeId,
            previousAssigneeId,
            teamId,
            previousTeamId,
            staffOnly,
            publicCommentCount,
            e);
  }

  /** Serialises for the outbox and Redis. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(1);
      out.writeLong(tenant.getMostSignificantBits());
      out.writeLong(tenant.getLeastSignificantBits());
      out.writeLong(sequence);
      out.writeUTF(requesterId);
      out.writeUTF(assigneeId);
      out.writeUTF(previousAssigneeId);
      out.writeUTF(teamId);
      out.writeUTF(previousTeamId);
      out.writeBoolean(staffOnly);
      out.writeInt(publicCommentCount);
      event.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@link #toBytes()}. */
  public static RoutedEvent fromBytes(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      int version = in.readByte();
      if (version != 1) {
        throw new IllegalArgumentException("unknown envelope version " + version);
      }
      UUID tenant = new UUID(in.readLong(), in.readLong());
      long seq = in.readLong();
      String requester = in.readUTF();
      String assignee = in.readUTF();
      String prevAssignee = in.readUTF();
      String team = in.readUTF();
      String prevTeam = in.readUTF();
      boolean staffOnly = in.readBoolean();
      int publicCount = in.readInt();
      TicketEvent event = TicketEvent.parseFrom(in);
      return new RoutedEvent(
          tenant,
          seq,
          requester,
          assignee,
          prevAssignee,
          team,
          prevTeam,
          staffOnly,
          publicCount,
          event);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("bad event payload", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
