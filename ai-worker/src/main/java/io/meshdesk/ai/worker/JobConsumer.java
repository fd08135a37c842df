package io.meshdesk.ai.worker;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ticket.v1.AiUnavailableReason;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's loop over the job stream: claims jobs other workers left idle past the visibility
 * timeout, reads new ones, and runs up to {@code concurrency} at once on virtual threads.
 *
 * <p>A job is acknowledged only after its suggestion is attached (or found already attached). A
 * failure leaves it pending, so it is redelivered after the visibility timeout; once it has been
 * delivered {@code maxDeliveries} times it goes to {@value WorkerConfig#DEAD_LETTER_STREAM} and the
 * ticket is marked "AI unavailable". A job that can never succeed (malformed, refused) is
 * dead-lettered at once; a job whose ticket is gone is dropped. Stopping abandons in-flight jobs
 * without acknowledging them, exactly like a crash: another worker claims them.
 */
public final class JobConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobConsumer.class);

  private final JobQueue queue;
  private final JobProcessor processor;
  private final WorkerConfig config;
  private final Clock clock;
  private final Semaphore slots;
  private final ExecutorService jobs = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicLong completed = new AtomicLong();
  private final Thread loop;
  private volatile boolean running = true;

  public JobConsumer(JobQueue queue, JobProcessor processor, WorkerConfig config, Clock clock) {
    this.queue = queue;
    this.processor = processor;
    this.config = config;
    this.clock = clock;
    this.slots = new Semaphore(config.concurrency());
    this.loop = Thread.ofVirtual().name("ai-jobs-" + config.consumerName()).unstarted(this::run);
  }

  /** Joins the consumer group and starts consuming. */
  public JobConsumer start() {
    queue.ensureGroup();
    loop.start();
    log.info(
        "AI worker {} consuming {} (concurrency {}, visibility {}, max deliveries {})",
        config.consumerName(),
        io.meshdesk.platform.redis.RedisKeys.AI_JOBS_STREAM,
        config.concurrency(),
        config.visibilityTimeout(),
        config.maxDeliveries());
    return this;
  }

  /** Jobs this consumer finished (acknowledged), for tests and metrics. */
  public long completed() {
    return completed.get();
  }

  private void run() {
    Instant nextClaim = Instant.MIN;
    while (running) {
      try {
        if (!clock.instant().isBefore(nextClaim)) {
          nextClaim = clock.instant().plus(config.claimInterval());
          dispatch(
              queue.claimStale(config.visibilityTimeout(), Math.max(1, slots.availablePermits())));
        }
        int free = slots.availablePermits();
        if (free == 0) {
          slots.acquire();
          slots.release();
          continue;
        }
        dispatch(queue.readNew(free, config.pollTimeout()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("AI job loop: {}; retrying", e.toString());
        try {
          Thread.sleep(config.pollTimeout().toMillis());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  private void dispatch(List<JobQueue.Delivery> deliveries) throws InterruptedException {
    for (JobQueue.Delivery d : deliveries) {
      slots.acquire();
      jobs.execute(
          () -> {
            try {
              handle(d);
            } finally {
              slots.release();
            }
          });
    }
  }

  private void handle(JobQueue.Delivery d) {
    AiJob job;
    try {
      job = d.job();
    } catch (InvalidProtocolBufferException e) {
      log.warn("AI job entry {} is malformed, dead-lettering: {}", d.id(), e.getMessage());
      queue.deadLetter(d, "malformed: " + e.getMessage());
      return;
    }
    try {
      if (d.deliveries() > config.maxDeliveries()) {
        giveUp(
            d,
            job,
            AiUnavailableReason.AI_UNAVAILABLE_REASON_RETRIES_EXHAUSTED,
            "delivered " + d.deliveries() + " times");
        return;
      }
      JobProcessor.Outcome outcome = processor.process(job);
      queue.ack(d.id());
      completed.incrementAndGet();
      log.debug("AI job {} for ticket {}: {}", job.getJobId(), job.getTicketId(), outcome);
    } catch (NotFoundException e) {
      log.info("AI job {}: ticket {} is gone, dropping", job.getJobId(), job.getTicketId());
      queue.ack(d.id());
    } catch (InvalidArgumentException | PermissionDeniedException e) {
      giveUp(d, job, AiUnavailableReason.AI_UNAVAILABLE_REASON_PROVIDER_ERROR, e.getMessage());
    } catch (RuntimeException e) {
      if (!running) {
        return; // stopping: leave the job pending for another worker
      }
      log.warn(
          "AI job {} failed (delivery {} of {}): {}",
          job.getJobId(),
          d.deliveries(),
          config.maxDeliveries(),
          e.toString());
      if (d.deliveries() >= config.maxDeliveries()) {
        giveUp(
            d,
            job,
            AiUnavailableReason.AI_UNAVAILABLE_REASON_RETRIES_EXHAUSTED,
            "AI assistance failed " + d.deliveries() + " times");
      }
    }
  }

  /** Marks the ticket first: if that fails, the job stays pending and is tried again later. */
  private void giveUp(JobQueue.Delivery d, AiJob job, AiUnavailableReason reason, String detail) {
    try {
      processor.giveUp(job, reason, detail);
    } catch (NotFoundException e) {
      log.debug("AI job {}: ticket gone while giving up", job.getJobId());
    } catch (RuntimeException e) {
      log.warn(
          "AI job {}: could not mark AI unavailable ({}); will retry",
          job.getJobId(),
          e.toString());
      return;
    }
    queue.deadLetter(d, reason.name() + ": " + detail);
    log.warn("AI job {} dead-lettered: {}", job.getJobId(), detail);
  }

  /** Stops reading, abandons in-flight jobs unacknowledged (another worker will claim them). */
  @Override
  public void close() {
    running = false;
    loop.interrupt();
    jobs.shutdownNow();
    try {
      loop.join(5_000);
      jobs.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
