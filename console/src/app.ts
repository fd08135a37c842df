import type { Api } from "./api.js";
import type { Session } from "./session.js";
import type { TicketStore } from "./store.js";
import type { Connection, LiveStream } from "./stream.js";

/** What every view gets: clients, the session, the live ticket store and its stream. */
export interface App {
  api: Api;
  session: Session;
  store: TicketStore;
  stream: LiveStream | undefined;
  connection: Connection;
  teams: Map<string, string>;
  agents: Map<string, string>;
  /** Fires when this console records feedback on an AI suggestion (the manager view refetches its stats). */
  feedback: Signal;
  navigate: (hash: string) => void;
}

/** Name to show for a user id: the directory if known, else a short id. */
export function userName(app: App, id: string): string {
  if (!id) return "Unassigned";
  if (id === app.session.state?.userId) return app.session.state.displayName + " (me)";
  return app.agents.get(id) ?? id.slice(0, 8);
}

/** A payload-free notification with any number of listeners. */
export class Signal {
  private readonly listeners = new Set<() => void>();

  /** Calls `fn` on every emit until the returned function is called. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(): void {
    for (const fn of this.listeners) fn();
  }
}
