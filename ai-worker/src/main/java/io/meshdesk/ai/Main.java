package io.meshdesk.ai;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;

/** Runs the AI worker as its own process, configured from the environment. */
public final class Main {

  /** Default gRPC port of the AI worker. */
  public static final int DEFAULT_PORT = 7003;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Env env = Env.system();
    AiWorker server;
    try {
      server =
          AiWorker.start(
              Infrastructure.fromEnv(env), GrpcConfig.from(env, "MESHDESK_AI", DEFAULT_PORT, 9103), null);
    } catch (ConfigException e) {
      System.err.println("ai-worker: " + e.getMessage());
      System.exit(2);
      return;
    }
    new Shutdown().onJvmExit().register(server);
    server.awaitTermination();
  }
}
