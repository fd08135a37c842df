package io.meshdesk.platform.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.ReflectionConfig;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.health.DependencyMonitor;
import io.meshdesk.platform.health.HealthCheck;
import io.meshdesk.platform.metrics.Metrics;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gRPC server bootstrap every Meshdesk service uses: netty on virtual threads, keepalive
 * and size limits, the standard interceptor chain (request log, status mapping, authentication,
 * validation), INVALID_ARGUMENT for request bytes that do not parse, health that follows the
 * reachability of PostgreSQL and Redis, reflection v1 and v1alpha (unless switched off), Prometheus
 * metrics, and a graceful stop.
 */
public final class GrpcServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  private final String name;
  private final GrpcConfig config;
  private final Server server;
  private final HealthStatusManager health;
  private final List<String> serviceNames;
  private final List<ServerServiceDefinition> wrappedServices;
  private final DependencyMonitor monitor;
  private final Metrics metrics;
  private final boolean ownsMetrics;
  private final ExecutorService executor;
  private final Duration healthInterval;
  private final OverloadInterceptor overload;
  private final TlsCredentials tls;
  private final HealthListener healthListener;

  private GrpcServer(Builder b) {
    this.name = b.name;
    this.config = b.config;
    this.ownsMetrics = b.metrics == null;
    this.metrics = ownsMetrics ? new Metrics() : b.metrics;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.health = new HealthStatusManager();
    this.healthInterval = b.healthInterval;
    this.overload = new OverloadInterceptor(b.overload);

    this.tls = tlsCredentials(b.tls != null ? b.tls : config.tls(), b.name);
    this.healthListener =
        config.healthPort() < 0
            ? null
            : new HealthListener(config.host(), config.healthPort(), health);
    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    NettyServerBuilder nb =
        (tls == null
                ? NettyServerBuilder.forAddress(address)
                : NettyServerBuilder.forAddress(address, tls.credentials()))
            .executor(executor)
            .maxInboundMessageSize(config.maxInboundMessageBytes())
            .keepAliveTime(config.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTimeout(config.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .permitKeepAliveTime(config.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .permitKeepAliveWithoutCalls(true)
            .maxConcurrentCallsPerConnection(b.overload.maxCallsPerConnection())
            .intercept(new MetricCollectingServerInterceptor(metrics.registry()))
            .intercept(new StatusDescriptions());

    List<String> names = new ArrayList<>();
    List<ServerServiceDefinition> wrapped = new ArrayList<>();
    for (ServerServiceDefinition service : b.services) {
      ServerServiceDefinition w = wrap(service, b.interceptors, overload);
      nb.addService(MalformedRequests.guard(w));
      wrapped.add(w);
      names.add(service.getServiceDescriptor().getName());
    }
    this.wrappedServices = List.copyOf(wrapped);
    nb.addService(MalformedRequests.guard(health.getHealthService().bindService()));
    if (b.reflection) {
      nb.addService(MalformedRequests.guard(ProtoReflectionServiceV1.newInstance().bindService()));
      @SuppressWarnings("deprecation")
      BindableService v1alpha = ProtoReflectionService.newInstance();
      nb.addService(MalformedRequests.guard(v1alpha.bindService()));
    }
    this.server = nb.build();
    this.serviceNames = List.copyOf(names);
    this.monitor = new DependencyMonitor(b.checks, this::setServing);
  }

  private static TlsCredentials tlsCredentials(TlsConfig tls, String name) {
    tls.requireServerTlsOrOptIn();
    if (!tls.serverTls()) {
      log.warn(
          "{}: serving PLAINTEXT (MESHDESK_TLS_DISABLED=true); passwords and tokens cross the network in the clear",
          name);
      return null;
    }
    return new TlsCredentials(tls);
  }

  /**
   * Applies the standard chain to one service. The first interceptor listed runs first: request
   * log, status mapping, then the caller's (authentication), then validation. Public so in-process
   * test servers and the grpc-web bridge serve exactly the same chain.
   */
  public static ServerServiceDefinition wrap(
      ServerServiceDefinition service, List<ServerInterceptor> extra) {
    return wrap(service, extra, null);
  }

  /**
   * The standard chain with admission control right after the request log, so a refused call costs
   * no authentication, validation or handler work.
   */
  static ServerServiceDefinition wrap(
      ServerServiceDefinition service,
      List<ServerInterceptor> extra,
      OverloadInterceptor overload) {
    List<ServerInterceptor> chain = new ArrayList<>();
    chain.add(new RequestLoggingInterceptor());
    if (overload != null) {
      chain.add(overload);
    }
    chain.add(new ExceptionInterceptor());
    chain.addAll(extra);
    chain.add(new ValidationInterceptor());
    // ServerInterceptors.intercept runs the last element first, so reverse.
    List<ServerInterceptor> reversed = new ArrayList<>(chain);
    Collections.reverse(reversed);
    return ServerInterceptors.intercept(service, reversed);
  }

  /** Starts listening, starts metrics and the dependency monitor. */
  public GrpcServer start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          name
              + " could not listen on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + e.getMessage(),
          e);
    }
    if (healthListener != null) {
      healthListener.start();
    }
    if (ownsMetrics && config.metricsPort() >= 0) {
      metrics.serve(config.host(), config.metricsPort());
    }
    monitor.start(healthInterval);
    log.info(
        "{} listening on {}:{} ({}; services: {})",
        name,
        config.host(),
        port(),
        tls == null ? "plaintext" : "TLS",
        serviceNames);
    return this;
  }

  private void setServing(boolean serving) {
    ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    for (String s : serviceNames) {
      health.setStatus(s, status);
    }
  }

  /** The bound gRPC port. */
  public int port() {
    return server.getPort();
  }

  /** The bound plaintext health-only port, or -1 when it is off. */
  public int healthPort() {
    return healthListener == null ? -1 : healthListener.port();
  }

  /** The bound metrics port, or -1 when metrics are off. */
  public int metricsPort() {
    return metrics.port();
  }

  /** Registered application service names (without health and reflection). */
  public List<String> serviceNames() {
    return serviceNames;
  }

  /**
   * The application services exactly as this server serves them (standard interceptor chain
   * applied), for a grpc-web front that must answer through the same instances and interceptors.
   */
  public List<ServerServiceDefinition> services() {
    return wrappedServices;
  }

  /** The admission control in front of this server's unary calls. */
  public OverloadInterceptor overload() {
    return overload;
  }

  /** Re-probes dependencies now instead of waiting for the next interval. */
  public boolean probeDependencies() {
    return monitor.probe();
  }

  /** Blocks until the server terminates. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Graceful stop: health NOT_SERVING so balancers drain, refuse new calls, let in-flight calls
   * finish within the configured grace, then cancel what is left.
   */
  @Override
  public void close() {
    monitor.close();
    health.enterTerminalState();
    if (healthListener != null) {
      healthListener.close();
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{}: in-flight calls did not finish within {}; cancelling",
            name,
            config.shutdownGrace());
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (ownsMetrics) {
      metrics.close();
    }
    executor.shutdownNow();
    if (tls != null) {
      tls.close();
    }
    log.info("{} stopped", name);
  }

  /** Starts a builder for a server named {@code name} (used in logs). */
  public static Builder builder(String name, GrpcConfig config) {
    return new Builder(name, config);
  }

  /** Collects services, extra interceptors and health checks. */
  public static final class Builder {
    private final String name;
    private final GrpcConfig config;
    private final List<ServerServiceDefinition> services = new ArrayList<>();
    private final List<ServerInterceptor> interceptors = new ArrayList<>();
    private final List<HealthCheck> checks = new ArrayList<>();
    private Metrics metrics;
    private Duration healthInterval = Duration.ofSeconds(1);
    private OverloadConfig overload =
        OverloadConfig.fromEnv(io.meshdesk.platform.config.Env.system());
    private TlsConfig tls;
    private boolean reflection = ReflectionConfig.from(Env.system()).enabled();

    private Builder(String name, GrpcConfig config) {
      this.name = name;
      this.config = config;
    }

    /** Adds an application service; it gets the standard interceptor chain. */
    public Builder addService(BindableService service) {
      services.add(service.bindService());
      return this;
    }

    /** Adds an application service definition; it gets the standard interceptor chain. */
    public Builder addService(ServerServiceDefinition service) {
      services.add(service);
      return this;
    }

    /** Adds an interceptor between status mapping and validation (e.g. authentication). */
    public Builder addInterceptor(ServerInterceptor interceptor) {
      interceptors.add(interceptor);
      return this;
    }

    /** Adds a dependency that must be reachable for the server to report SERVING. */
    public Builder addHealthCheck(HealthCheck check) {
      checks.add(check);
      return this;
    }

    /** Shares a metrics registry (one per process); the caller serves and closes it. */
    public Builder metrics(Metrics sharedMetrics) {
      this.metrics = sharedMetrics;
      return this;
    }

    /** How often dependencies are probed (default 1 s). */
    public Builder healthInterval(Duration interval) {
      this.healthInterval = interval;
      return this;
    }

    /**
     * Admission control of unary calls (default: {@code MESHDESK_OVERLOAD_*} from the environment).
     */
    public Builder overload(OverloadConfig config) {
      this.overload = config;
      return this;
    }

    /**
     * Transport security instead of {@link GrpcConfig#tls()}: TLS with the configured certificate
     * (re-read from its files, so a renewed certificate needs no restart), or plaintext when
     * explicitly opted into. Building fails when neither is configured.
     */
    public Builder tls(TlsConfig config) {
      this.tls = config;
      return this;
    }

    /**
     * Whether server reflection (v1 and v1alpha) is served (default: {@code
     * MESHDESK_GRPC_REFLECTION}, on).
     */
    public Builder reflection(boolean enabled) {
      this.reflection = enabled;
      return this;
    }

    /** Builds the server (not started). */
    public GrpcServer build() {
      return new GrpcServer(this);
    }
  }
}
