/**
 * A merchant's browser, for requests made as the admin would make them: headless Chromium
 * announces itself as "HeadlessChrome", and Shopify's auth treats a bot's user agent with a
 * 410. Shared by the tests, the demo script and the benchmarks.
 */
export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
