import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";

import { createLogger } from "../app/modules/observability/create-logger.server";
import { exitOnShutdownSignal } from "./exit-on-shutdown-signal";
import { loadEnvOrExit } from "./load-env-or-exit";

interface AppEntryModule {
  warmUpAppServices(): void;
  handleWebhookHttp(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void>;
  startBackgroundWorkers(): Promise<void>;
  stopAppServices(): Promise<void>;
}

/** Signed link tokens (unsubscribe, review) are bearer credentials: never written to logs. */
function redactLinkTokens(requestPath: string): string {
  return requestPath.replace(/^\/unsubscribe\/[^/]+/, "/unsubscribe/[token]");
}

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The web process: Express serving the Remix app. With RUN_WORKERS_IN_WEB (or the
 * `withWorkers` option) it also runs the queue workers — single-process mode.
 */
export async function startWebServer(options: { withWorkers?: boolean } = {}): Promise<{ server: Server; stop(): Promise<void> }> {
  const env = loadEnvOrExit("web");
  const logger = createLogger({ level: env.LOG_LEVEL, base: { process: "web" } });
  const isDevServer = process.env.CANDOR_VITE_DEV === "true";

  const viteDevServer = isDevServer
    ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }))
    : undefined;
  const loadBuild = async (): Promise<ServerBuild> =>
    viteDevServer
      ? ((await viteDevServer.ssrLoadModule("virtual:remix/server-build")) as ServerBuild)
      : ((await import(path.join(rootDir, "build/server/index.js"))) as ServerBuild);
  const entryModule = async () => (await loadBuild()).entry.module as unknown as AppEntryModule;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", true);
  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming && /^[\w.-]{8,80}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    // Routes read it from the request (the audit log records it); a malformed incoming one is replaced.
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    // The webhook intake logs each delivery itself, with its outcome.
    if (req.path === "/webhooks") return next();
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      // Path only: query strings can carry session tokens.
      logger.info(
        { requestId, method: req.method, path: redactLinkTokens(req.path), status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        "request",
      );
    });
    next();
  });
  // Every webhook topic of shopify.app.toml is delivered here, ahead of the Remix router.
  const webhookEntry = viteDevServer ? undefined : await entryModule();
  app.all("/webhooks", (req, res) => {
    void (webhookEntry ? Promise.resolve(webhookEntry) : entryModule()).then((entry) =>
      entry.handleWebhookHttp(req, res, res.locals.requestId as string),
    );
  });
  // Mounted after the webhook route: its responses are empty, compression would only cost time.
  app.use(compression());
  if (viteDevServer) {
    app.use(viteDevServer.middlewares);
  } else {
    app.use("/assets", express.static(path.join(rootDir, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(rootDir, "build/client"), { maxAge: "1h" }));
  }
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  app.all(
    "*",
    createRequestHandler({
      build: viteDevServer ? loadBuild : await loadBuild(),
      getLoadContext: (_req, res) => ({ requestId: res.locals.requestId as string }),
    }),
  );

  (await entryModule()).warmUpAppServices();
  const runWorkers = options.withWorkers ?? env.RUN_WORKERS_IN_WEB;
  if (runWorkers) await (await entryModule()).startBackgroundWorkers();

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(env.PORT, () => resolve(listening));
  });
  server.keepAliveTimeout = 65_000;
  logger.info({ port: env.PORT, workers: runWorkers }, "web server listening");

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info("shutting down");
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await (await entryModule()).stopAppServices();
      await viteDevServer?.close();
    })();
    return stopping;
  };
  return { server, stop };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  let started: ReturnType<typeof startWebServer> | undefined;
  exitOnShutdownSignal(async () => {
    await (await started)?.stop();
  });
  started = startWebServer();
  await started;
}
