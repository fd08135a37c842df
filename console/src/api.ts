import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { AssistantService } from "./gen/meshdesk/ai/v1/ai_pb.js";
import { IdentityService } from "./gen/meshdesk/identity/v1/identity_pb.js";
import { LedgerService } from "./gen/meshdesk/ledger/v1/ledger_pb.js";
import { TicketService } from "./gen/meshdesk/ticket/v1/ticket_pb.js";
import { pushbackRetry } from "./pushback.js";

/** The generated clients the console uses, over one grpc-web transport. */
export interface Api {
  identity: Client<typeof IdentityService>;
  tickets: Client<typeof TicketService>;
  /** The cardholder's cards, statements and spending (customers see only their own cards). */
  ledger: Client<typeof LedgerService>;
  /** The spending assistant's streamed answers. */
  assistant: Client<typeof AssistantService>;
}

/** Builds the clients; `token()` is read on every call, so refreshed tokens apply at once. */
export function createApi(baseUrl: string, token: () => string | undefined): Api {
  const bearer: Interceptor = (next) => (req) => {
    const t = token();
    if (t) req.header.set("authorization", `Bearer ${t}`);
    return next(req);
  };
  // A call the server refused for overload is retried after the pushback it asked for.
  const transport = createGrpcWebTransport({ baseUrl, interceptors: [pushbackRetry(), bearer], useBinaryFormat: true });
  return {
    identity: createClient(IdentityService, transport),
    tickets: createClient(TicketService, transport),
    ledger: createClient(LedgerService, transport),
    assistant: createClient(AssistantService, transport),
  };
}
