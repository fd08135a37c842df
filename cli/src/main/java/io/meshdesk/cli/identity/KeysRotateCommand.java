package io.meshdesk.cli.identity;

import com.google.protobuf.util.Durations;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.RotateSigningKeyRequest;
import io.meshdesk.cli.common.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshctl keys rotate}: the platform admin starts signing tokens with a new key; the old key
 * keeps verifying for the overlap, so signed-in users are not logged out.
 */
@Command(name = "rotate", description = "Sign new tokens with a fresh key (platform admin).")
@Rpc("meshdesk.identity.v1.IdentityService/RotateSigningKey")
final class KeysRotateCommand extends IdentityCommand {

  @Option(
      names = "--overlap-hours",
      defaultValue = "24",
      description = "How long the previous key still verifies tokens (default: ${DEFAULT-VALUE}).")
  long overlapHours;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    var r =
        identity.rotateSigningKey(
            RotateSigningKeyRequest.newBuilder()
                .setPreviousKeyOverlap(Durations.fromHours(overlapHours))
                .build());
    out().list(r, "keys");
    return 0;
  }
}
