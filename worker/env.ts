// The worker's bindings, declared once; wrangler.toml provides them.
export type Bindings = {
  DB: D1Database;
  ASSETS: Fetcher;
};
export type AppEnv = { Bindings: Bindings };
