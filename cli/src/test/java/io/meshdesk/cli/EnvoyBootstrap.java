package io.meshdesk.cli;

import com.google.gson.Gson;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.extensions.filters.http.grpc_web.v3.GrpcWeb;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads an Envoy YAML configuration the way Envoy does: into its v3 {@link Bootstrap} message,
 * rejecting unknown fields and wrongly typed values, with every {@code typed_config} type the
 * Meshdesk edge uses known to the parser.
 */
final class EnvoyBootstrap {

  /** Every {@code @type} envoy/envoy.yaml may name; an unlisted type fails the parse. */
  static final JsonFormat.TypeRegistry TYPES =
      JsonFormat.TypeRegistry.newBuilder()
          .add(HttpConnectionManager.getDescriptor())
          .add(CorsPolicy.getDescriptor())
          .add(Cors.getDescriptor())
          .add(GrpcWeb.getDescriptor())
          .add(Router.getDescriptor())
          .add(HttpProtocolOptions.getDescriptor())
          .add(DownstreamTlsContext.getDescriptor())
          .add(UpstreamTlsContext.getDescriptor())
          .build();

  private EnvoyBootstrap() {}

  static Bootstrap parse(String yaml) throws InvalidProtocolBufferException {
    Object tree = new Yaml().load(yaml);
    Bootstrap.Builder bootstrap = Bootstrap.newBuilder();
    JsonFormat.parser().usingTypeRegistry(TYPES).merge(new Gson().toJson(tree), bootstrap);
    return bootstrap.build();
  }

  static Bootstrap parse(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** The repository checkout this test runs in (the directory holding envoy/envoy.yaml). */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("envoy/envoy.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no envoy/envoy.yaml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
