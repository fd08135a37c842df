import { defineConfig } from "vitest/config";

// `npm run dev` serves on :5173 and talks to the grpc-web bridge of `meshctl dev` (:8080) through
// CORS; the production build in dist/ is served by the bridge (or Envoy) on the same origin.
export default defineConfig({
  build: { target: "es2022", sourcemap: true },
  server: { port: 5173 },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
