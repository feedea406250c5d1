/**
 * Runs the mail catcher on its own, e.g. for the demo:
 *   tsx dev/mail-catcher/cli.ts --smtp-port 1025 --http-port 8025
 * Then set SMTP_URL=smtp://any:any@127.0.0.1:1025 for the app and open http://127.0.0.1:8025.
 */
import { parseArgs } from "node:util";

import { startMailCatcher } from "./index";

const { values } = parseArgs({
  options: {
    "smtp-port": { type: "string", default: "1025" },
    "http-port": { type: "string", default: "8025" },
    host: { type: "string", default: "127.0.0.1" },
  },
});

const catcher = await startMailCatcher({
  smtpPort: Number(values["smtp-port"]),
  httpPort: Number(values["http-port"]),
  host: values.host,
});
console.log(`mail catcher: SMTP on ${catcher.smtpUrl}, messages at ${catcher.httpUrl}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void catcher.close().finally(() => process.exit(0));
  });
}
