import { ConnectError } from "@connectrpc/connect";
import { h } from "../dom.js";
import type { App } from "../app.js";

/** Sign-in form: email, password, tenant. */
export function loginView(app: App): HTMLElement {
  const error = h("p", { class: "error", role: "alert" });
  const email = h("input", { id: "email", type: "email", autocomplete: "username", required: true });
  const password = h("input", { id: "password", type: "password", autocomplete: "current-password", required: true });
  const tenant = h("input", { id: "tenant", autocomplete: "organization", placeholder: "acme" });
  const button = h("button", { type: "submit", class: "primary" }, "Sign in");
  const form = h(
    "form",
    { class: "login", "aria-label": "Sign in" },
    h("h1", {}, "Meshdesk"),
    h("label", { for: "email" }, "Email"), email,
    h("label", { for: "password" }, "Password"), password,
    h("label", { for: "tenant" }, "Workspace"), tenant,
    button, error,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    button.disabled = true;
    error.textContent = "";
    try {
      await app.session.login(email.value.trim(), password.value, tenant.value.trim());
    } catch (err) {
      error.textContent = err instanceof ConnectError ? err.rawMessage : String(err);
    } finally {
      button.disabled = false;
    }
  });
  return h("main", { class: "center" }, form);
}
