import pino, { type DestinationStream, type Logger } from "pino";

/**
 * Field names that can carry a customer's or a staff member's personal data, or a secret.
 * Whatever object is logged, values under these keys are replaced, at any depth pino allows.
 */
const SENSITIVE_KEYS = [
  "email",
  "contact_email",
  "customer_email",
  "emailAddress",
  "phone",
  "phoneNumber",
  "name",
  "first_name",
  "last_name",
  "firstName",
  "lastName",
  "displayName",
  "address",
  "address1",
  "address2",
  "billing_address",
  "shipping_address",
  "defaultAddress",
  "zip",
  "city",
  "accessToken",
  "refreshToken",
  "access_token",
  "password",
  "authorization",
  "cookie",
  "x-shopify-hmac-sha256",
  "x-shopify-access-token",
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SENSITIVE_KEYS) {
    const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const join = (prefix: string) => (segment.startsWith("[") ? `${prefix}${segment}` : `${prefix}.${segment}`);
    paths.push(segment.startsWith("[") ? segment.slice(2, -2) : key);
    paths.push(join("*"));
    paths.push(join("*.*"));
    paths.push(join("*.*.*"));
  }
  return paths;
}

export interface LoggerOptions {
  level?: string;
  /** Tests pass a stream to capture every line written. */
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

/**
 * Structured JSON logs. Personal fields are redacted by key as a safety net; the rule is
 * still that code logs identifiers and counts, never payloads.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "candor", ...options.base },
      redact: { paths: redactPaths(), censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination,
  );
}
