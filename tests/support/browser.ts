import { chromium, type Browser } from "playwright-core";

export { BROWSER_USER_AGENT } from "../../dev/browser-user-agent";

/** The system's Chromium, headless, without the background traffic that would slow tests down. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
