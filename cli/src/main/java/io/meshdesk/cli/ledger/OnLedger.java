package io.meshdesk.cli.ledger;

import io.grpc.Channel;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.cli.common.StubCommand;

/** Base of the ledger commands: calls the ledger service of {@code --target}. */
abstract class OnLedger extends StubCommand<LedgerServiceBlockingStub> {

  /** Full method name prefix of the ledger service. */
  static final String SERVICE = "meshdesk.ledger.v1.LedgerService/";

  @Override
  protected LedgerServiceBlockingStub stub(Channel channel) {
    return LedgerServiceGrpc.newBlockingStub(channel);
  }
}
