package io.meshdesk.ai.worker;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meshdesk.api.ai.v1.AiJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.PendingEntry;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.RedisException;

/**
 * The AI job stream ({@value io.meshdesk.platform.redis.RedisKeys#AI_JOBS_STREAM}) seen by one
 * consumer of the group: read new entries, claim entries other consumers left idle past the
 * visibility timeout, acknowledge, and move entries to the dead-letter stream. Entries carry {@code
 * job} (base64 of the serialized {@link AiJob}) and {@code tenant}.
 */
public final class JobQueue {

  /** One delivered stream entry. */
  public record Delivery(StreamMessageId id, Map<String, String> fields, long deliveries) {

    /** The decoded job; throws {@link InvalidProtocolBufferException} for a malformed entry. */
    public AiJob job() throws InvalidProtocolBufferException {
      String b64 = fields.get("job");
      if (b64 == null) {
        throw new InvalidProtocolBufferException("stream entry has no 'job' field");
      }
      try {
        return AiJob.parseFrom(Base64.getDecoder().decode(b64));
      } catch (IllegalArgumentException e) {
        throw new InvalidProtocolBufferException("stream entry 'job' is not base64");
      }
    }
  }

  private final RStream<String, String> stream;
  private final RStream<String, String> dead;
  private final String consumer;
  private StreamMessageId claimCursor = StreamMessageId.MIN;

  public JobQueue(RedissonClient redis, String consumer) {
    this.stream = redis.getStream(io.meshdesk.platform.redis.RedisKeys.AI_JOBS_STREAM);
    this.dead = redis.getStream(WorkerConfig.DEAD_LETTER_STREAM);
    this.consumer = consumer;
  }

  /** Creates the consumer group (and the stream) if missing; every worker calls it at start. */
  public void ensureGroup() {
    try {
      stream.createGroup(
          StreamCreateGroupArgs.name(WorkerConfig.GROUP).id(StreamMessageId.ALL).makeStream());
    } catch (RedisException e) {
      if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
        throw e;
      }
    }
  }

  /** Adds a job (what the ticket server does; used by tests and the benchmark). */
  public static StreamMessageId enqueue(RedissonClient redis, AiJob job) {
    return redis
        .<String, String>getStream(io.meshdesk.platform.redis.RedisKeys.AI_JOBS_STREAM)
        .add(
            StreamAddArgs.entries(
                "job",
                Base64.getEncoder().encodeToString(job.toByteArray()),
                "tenant",
                job.getTenantId()));
  }

  /** Up to {@code max} never-delivered entries, waiting at most {@code wait} for the first. */
  public List<Delivery> readNew(int max, Duration wait) {
    Map<StreamMessageId, Map<String, String>> got =
        stream.readGroup(
            WorkerConfig.GROUP,
            consumer,
            StreamReadGroupArgs.neverDelivered().count(max).timeout(wait));
    List<Delivery> out = new ArrayList<>();
    if (got != null) {
      got.forEach((id, fields) -> out.add(new Delivery(id, fields, 1)));
    }
    return out;
  }

  /**
   * Claims up to {@code max} entries idle for at least {@code idle} (their worker died or hangs),
   * with how often each has now been delivered.
   */
  public List<Delivery> claimStale(Duration idle, int max) {
    AutoClaimResult<String, String> r =
        stream.autoClaim(
            WorkerConfig.GROUP, consumer, idle.toMillis(), TimeUnit.MILLISECONDS, claimCursor, max);
    claimCursor =
        r.getNextId() == null || r.getNextId().equals(new StreamMessageId(0, 0))
            ? StreamMessageId.MIN
            : r.getNextId();
    List<Delivery> out = new ArrayList<>();
    for (var e : new LinkedHashMap<>(r.getMessages()).entrySet()) {
      out.add(new Delivery(e.getKey(), e.getValue(), deliveries(e.getKey())));
    }
    return out;
  }

  /** Acknowledges an entry: it is done and leaves the pending list. */
  public void ack(StreamMessageId id) {
    stream.ack(WorkerConfig.GROUP, id);
  }

  /** Copies an entry to the dead-letter stream with the reason, then acknowledges it. */
  public void deadLetter(Delivery d, String reason) {
    Map<String, String> fields = new LinkedHashMap<>(d.fields());
    fields.put("reason", reason);
    fields.put("deliveries", Long.toString(d.deliveries()));
    fields.put("source_id", d.id().toString());
    dead.add(StreamAddArgs.entries(fields));
    ack(d.id());
  }

  /** Entries of this consumer group not yet acknowledged (for tests and health). */
  public long pendingCount() {
    return stream.getPendingInfo(WorkerConfig.GROUP).getTotal();
  }

  private long deliveries(StreamMessageId id) {
    List<PendingEntry> p = stream.listPending(WorkerConfig.GROUP, id, id, 1);
    return p.isEmpty() ? 1 : p.getFirst().getDeliveryCount();
  }
}
