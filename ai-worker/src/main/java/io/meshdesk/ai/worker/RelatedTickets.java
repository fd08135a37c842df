package io.meshdesk.ai.worker;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.knowledge.KnowledgeBase;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ticket.v1.DuplicateTicket;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.SimilarTicket;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketOrder;
import io.meshdesk.api.ticket.v1.TicketStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tickets a suggestion points agents to: the tenant's solved tickets that resemble the ticket
 * (with how they were resolved), from the knowledge index, and the requester's unsolved tickets
 * that look like the same problem (merge candidates), by cosine similarity of sentence embeddings
 * above a threshold. The embedding model is only loaded once a requester has another unsolved
 * ticket to compare with.
 */
public final class RelatedTickets {

  /** Longest resolution excerpt shown with a similar ticket. */
  static final int EXCERPT = 280;

  /** Embeddings kept (about 1.5 KiB each). */
  static final int CACHED_VECTORS = 10_000;

  private static final List<TicketStatus> UNSOLVED =
      List.of(
          TicketStatus.TICKET_STATUS_NEW,
          TicketStatus.TICKET_STATUS_OPEN,
          TicketStatus.TICKET_STATUS_PENDING);

  /** What a suggestion carries besides the draft. */
  public record Related(List<SimilarTicket> similar, List<DuplicateTicket> duplicates) {

    /** Nothing related. */
    public static final Related NONE = new Related(List.of(), List.of());
  }

  private final KnowledgeBase knowledge;
  private final TicketPort tickets;
  private final Supplier<Embedder> newEmbedder;
  private final RelatedConfig config;
  private Embedder embedder;

  /** Recent tickets' embeddings, so a requester's open tickets are embedded once, not per job. */
  private final Map<String, float[]> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
              return size() > CACHED_VECTORS;
            }
          });

  /**
   * @param newEmbedder creates the embedding model, called once, when first needed
   */
  public RelatedTickets(
      KnowledgeBase knowledge,
      TicketPort tickets,
      Supplier<Embedder> newEmbedder,
      RelatedConfig config) {
    this.knowledge = knowledge;
    this.tickets = tickets;
    this.newEmbedder = newEmbedder;
    this.config = config;
  }

  /**
   * Similar solved tickets and likely duplicates of {@code ticket}, whose embedding by the index's
   * model is {@code vector} (null: similar by words only).
   */
  public Related of(UUID tenant, Ticket ticket, float[] vector) {
    return new Related(similar(tenant, ticket, vector), duplicates(tenant, ticket));
  }

  private List<SimilarTicket> similar(UUID tenant, Ticket ticket, float[] vector) {
    if (config.similarLimit() == 0) {
      return List.of();
    }
    List<SimilarTicket> out = new ArrayList<>();
    for (RetrievedDocument d :
        knowledge.similarResolutions(tenant, text(ticket), vector, config.similarLimit() + 1)) {
      if (!d.id().equals(ticket.getId()) && isUuid(d.id()) && out.size() < config.similarLimit()) {
        out.add(
            SimilarTicket.newBuilder()
                .setTicketId(d.id())
                .setSubject(cut(d.title(), 300))
                .setResolution(excerpt(d.resolution()))
                .setScore(Double.isFinite(d.score()) ? (float) Math.max(0, d.score()) : 0f)
                .build());
      }
    }
    return out;
  }

  private List<DuplicateTicket> duplicates(UUID tenant, Ticket ticket) {
    if (config.duplicateLimit() == 0 || ticket.getRequesterId().isEmpty()) {
      return List.of();
    }
    List<Ticket> others =
        tickets
            .listTickets(
                tenant,
                ListTicketsRequest.newBuilder()
                    .setRequesterId(ticket.getRequesterId())
                    .addAllStatuses(UNSOLVED)
                    .setOrder(TicketOrder.TICKET_ORDER_CREATED_AT_DESC)
                    .setPage(PageRequest.newBuilder().setPageSize(config.candidates() + 1))
                    .build())
            .getTicketsList()
            .stream()
            .filter(t -> !t.getId().equals(ticket.getId()))
            .filter(t -> t.getRequesterId().equals(ticket.getRequesterId()))
            .limit(config.candidates())
            .toList();
    if (others.isEmpty()) {
      return List.of();
    }
    List<Ticket> all = new ArrayList<>(others.size() + 1);
    all.add(ticket);
    all.addAll(others);
    List<float[]> vectors = vectors(tenant, all);
    List<DuplicateTicket> found = new ArrayList<>();
    for (int i = 0; i < others.size(); i++) {
      double score = Embedder.similarity(vectors.getFirst(), vectors.get(i + 1));
      if (score >= config.duplicateThreshold()) {
        Ticket t = others.get(i);
        found.add(
            DuplicateTicket.newBuilder()
                .setTicketId(t.getId())
                .setNumber(t.getNumber())
                .setSubject(cut(t.getSubject(), 300))
                .setStatus(t.getStatus())
                .setScore((float) Math.min(1, score))
                .build());
      }
    }
    found.sort(Comparator.comparingDouble(DuplicateTicket::getScore).reversed());
    return found.size() <= config.duplicateLimit()
        ? found
        : List.copyOf(found.subList(0, config.duplicateLimit()));
  }

  /** The tickets' embeddings, in order; only tickets not embedded before go to the model. */
  private List<float[]> vectors(UUID tenant, List<Ticket> tickets) {
    List<float[]> out = new ArrayList<>(tickets.size());
    List<Integer> missing = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < tickets.size(); i++) {
      float[] known = cache.get(key(tenant, tickets.get(i)));
      out.add(known);
      if (known == null) {
        missing.add(i);
        texts.add(text(tickets.get(i)));
      }
    }
    if (!texts.isEmpty()) {
      List<float[]> computed = embedder().embedAll(texts);
      for (int j = 0; j < missing.size(); j++) {
        int i = missing.get(j);
        out.set(i, computed.get(j));
        cache.put(key(tenant, tickets.get(i)), computed.get(j));
      }
    }
    return out;
  }

  /** Tenant, ticket and its text: a changed subject or body is embedded again. */
  private static String key(UUID tenant, Ticket t) {
    return tenant + "/" + t.getId() + "/" + text(t).hashCode();
  }

  private synchronized Embedder embedder() {
    if (embedder == null) {
      embedder = newEmbedder.get();
    }
    return embedder;
  }

  private static String text(Ticket t) {
    return t.getSubject() + "\n" + t.getBody();
  }

  /** The start of a resolution, cut at a word boundary. */
  static String excerpt(String resolution) {
    String r = resolution == null ? "" : resolution.strip().replaceAll("\\s+", " ");
    if (r.length() <= EXCERPT) {
      return r;
    }
    int cut = r.lastIndexOf(' ', EXCERPT - 1);
    return r.substring(0, cut > EXCERPT / 2 ? cut : EXCERPT - 1) + "…";
  }

  private static String cut(String s, int max) {
    String t = s == null ? "" : s.strip();
    return t.length() <= max ? t : t.substring(0, max);
  }

  private static boolean isUuid(String s) {
    try {
      return UUID.fromString(s).toString().equalsIgnoreCase(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
