import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Principal, TokenSet } from "./gen/meshdesk/identity/v1/identity_pb.js";
import type { Api } from "./api.js";

const STORAGE_KEY = "meshdesk.session";

/** What the console keeps about the signed-in agent (tab-scoped: sessionStorage). */
export interface SessionState {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  userId: string;
  displayName: string;
  role: number;
  teamIds: string[];
}

/** When to refresh: at 80 % of the remaining lifetime, but at least 5 s and never after expiry. */
export function refreshDelayMs(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  if (remaining <= 5_000) return 0;
  return Math.max(5_000, Math.floor(remaining * 0.8));
}

/** Holds the tokens, refreshes them before the access token expires, signs out. */
export class Session {
  state: SessionState | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: () => Api) {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved) this.state = JSON.parse(saved) as SessionState;
  }

  /** Calls `fn` on sign-in, refresh failure and sign-out. */
  onChange(fn: () => void): void {
    this.listeners.add(fn);
  }

  token(): string | undefined {
    return this.state?.accessToken;
  }

  async login(email: string, password: string, tenantSlug: string): Promise<void> {
    const res = await this.api().identity.login({ email, password, tenantSlug });
    this.accept(res.tokens, res.principal);
  }

  /** Resumes a saved session: refreshes now if close to expiry, else schedules it. */
  resume(): void {
    if (this.state) this.schedule();
  }

  async refresh(): Promise<void> {
    if (!this.state) return;
    try {
      const res = await this.api().identity.refresh({ refreshToken: this.state.refreshToken });
      this.accept(res.tokens, res.principal);
    } catch {
      this.clear();
    }
  }

  async logout(): Promise<void> {
    const refreshToken = this.state?.refreshToken;
    this.clear();
    if (refreshToken) {
      await this.api().identity.logout({ refreshToken }).catch(() => undefined);
    }
  }

  private accept(tokens: TokenSet | undefined, principal: Principal | undefined): void {
    if (!tokens || !principal) throw new Error("login answer without tokens");
    this.state = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessExpiresAt: tokens.accessTokenExpiresAt
        ? timestampDate(tokens.accessTokenExpiresAt).getTime()
        : Date.now() + 5 * 60_000,
      userId: principal.subjectId,
      displayName: principal.displayName || principal.email,
      role: principal.role,
      teamIds: [...principal.teamIds],
    };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.state));
    this.schedule();
    this.listeners.forEach((fn) => fn());
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.state) return;
    this.timer = setTimeout(() => void this.refresh(), refreshDelayMs(this.state.accessExpiresAt, Date.now()));
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.state = undefined;
    sessionStorage.removeItem(STORAGE_KEY);
    this.listeners.forEach((fn) => fn());
  }
}
