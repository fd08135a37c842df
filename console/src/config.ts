/**
 * Where the console finds the grpc-web API: `?api=` in the URL, else VITE_API_URL at build time,
 * else the page's own origin (the bridge of `meshctl dev`, or Envoy, serves both).
 */
export function apiBaseUrl(): string {
  const fromQuery = new URLSearchParams(location.search).get("api");
  if (fromQuery) return fromQuery;
  const fromBuild = import.meta.env.VITE_API_URL as string | undefined;
  return fromBuild || location.origin;
}
