// Bundles the two process entry points (web and worker) next to the Remix build.
// Packages stay external: they are installed in node_modules on every host.
import { build } from "esbuild";

await build({
  entryPoints: { server: "server/web.ts", worker: "server/worker.ts" },
  outdir: "build",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  outExtension: { ".js": ".js" },
});
console.log("built build/server.js and build/worker.js");
