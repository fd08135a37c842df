package io.meshdesk.platform.redis;

import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.health.HealthCheck;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.BaseRedisNodes;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;
import org.redisson.config.NameMapper;

/**
 * Builds the Redisson client from {@link RedisConfig}: single server, Sentinel or Cluster, with
 * every key and channel name under the configured prefix.
 */
public final class Redis implements AutoCloseable {

  private final RedisConfig config;
  private final RedissonClient client;

  public Redis(RedisConfig config) {
    this.config = config;
    this.client = Redisson.create(toRedissonConfig(config));
  }

  static Config toRedissonConfig(RedisConfig rc) {
    Config c = new Config();
    c.setCodec(StringCodec.INSTANCE);
    BaseConfig<?> base =
        switch (rc.mode()) {
          case SINGLE ->
              c.useSingleServer()
                  .setAddress(rc.addresses().getFirst())
                  .setConnectionMinimumIdleSize(2);
          case SENTINEL ->
              c.useSentinelServers()
                  .setMasterName(rc.sentinelMaster())
                  .addSentinelAddress(rc.addresses().toArray(String[]::new));
          case CLUSTER ->
              c.useClusterServers().addNodeAddress(rc.addresses().toArray(String[]::new));
        };
    if (!rc.password().isEmpty()) {
      base.setPassword(rc.password());
    }
    base.setConnectTimeout(2_000).setTimeout(2_000).setRetryAttempts(2).setRetryInterval(200);
    c.setNameMapper(prefixMapper(rc.keyPrefix()));
    return c;
  }

  private static NameMapper prefixMapper(String prefix) {
    return new NameMapper() {
      @Override
      public String map(String name) {
        return prefix + name;
      }

      @Override
      public String unmap(String name) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
      }
    };
  }

  /** The Redisson client (string codec by default). */
  public RedissonClient client() {
    return client;
  }

  /** The settings this client was built from. */
  public RedisConfig config() {
    return config;
  }

  /** A health check that pings every Redis node. */
  public HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      public String name() {
        return "redis";
      }

      @Override
      public boolean healthy() {
        try {
          BaseRedisNodes nodes =
              switch (config.mode()) {
                case SINGLE -> client.getRedisNodes(RedisNodes.SINGLE);
                case SENTINEL -> client.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE);
                case CLUSTER -> client.getRedisNodes(RedisNodes.CLUSTER);
              };
          return nodes.pingAll(1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
          return false;
        }
      }
    };
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
