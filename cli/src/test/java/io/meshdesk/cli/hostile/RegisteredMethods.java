package io.meshdesk.cli.hostile;

import build.buf.validate.ValidateProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every method a running server registers, with its schema, as the server itself reports it over
 * gRPC reflection: no hand-written list can miss a new service or RPC.
 */
final class RegisteredMethods {

  /** One registered method and the channel of the server that serves it. */
  record Registered(MethodDescriptor method, ManagedChannel channel, String server) {
    String fullName() {
      return method.getService().getFullName() + "/" + method.getName();
    }
  }

  /**
   * Reads the contract's {@code buf.validate} rules out of field options (which fields are UUIDs).
   */
  private static final ExtensionRegistry RULES = ExtensionRegistry.newInstance();

  static {
    ValidateProto.registerAllExtensions(RULES);
  }

  private RegisteredMethods() {}

  /** The methods of every service {@code channel}'s server registers. */
  static List<Registered> of(String server, ManagedChannel channel) throws Exception {
    List<Registered> out = new ArrayList<>();
    for (ServiceResponse service :
        ask(channel, ServerReflectionRequest.newBuilder().setListServices("").build())
            .getListServicesResponse()
            .getServiceList()) {
      ServiceDescriptor descriptor = describe(channel, service.getName());
      for (MethodDescriptor m : descriptor.getMethods()) {
        out.add(new Registered(m, channel, server));
      }
    }
    return out;
  }

  private static ServiceDescriptor describe(ManagedChannel channel, String serviceName)
      throws Exception {
    ServerReflectionResponse files =
        ask(
            channel,
            ServerReflectionRequest.newBuilder().setFileContainingSymbol(serviceName).build());
    Map<String, FileDescriptorProto> protos = new HashMap<>();
    for (ByteString bytes : files.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes, RULES);
      protos.put(proto.getName(), proto);
    }
    Map<String, FileDescriptor> built = new HashMap<>();
    for (FileDescriptorProto proto : protos.values()) {
      FileDescriptor file = build(proto.getName(), protos, built);
      ServiceDescriptor s =
          file.findServiceByName(serviceName.substring(serviceName.lastIndexOf('.') + 1));
      if (s != null && s.getFullName().equals(serviceName)) {
        return s;
      }
    }
    throw new AssertionError("reflection did not describe " + serviceName);
  }

  private static FileDescriptor build(
      String name, Map<String, FileDescriptorProto> protos, Map<String, FileDescriptor> built)
      throws DescriptorValidationException, InvalidProtocolBufferException {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      throw new AssertionError("reflection did not send " + name);
    }
    List<FileDescriptor> deps = new ArrayList<>();
    for (String dep : proto.getDependencyList()) {
      deps.add(build(dep, protos, built));
    }
    FileDescriptor file = FileDescriptor.buildFrom(proto, deps.toArray(FileDescriptor[]::new));
    built.put(name, file);
    return file;
  }

  private static ServerReflectionResponse ask(
      ManagedChannel channel, ServerReflectionRequest request) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse value) {
                    answer.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    answer.completeExceptionally(
                        new AssertionError("reflection ended without an answer"));
                  }
                });
    requests.onNext(request);
    ServerReflectionResponse response = answer.get(30, TimeUnit.SECONDS);
    requests.onCompleted();
    return response;
  }
}
