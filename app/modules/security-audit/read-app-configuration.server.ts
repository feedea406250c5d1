import { parse } from "smol-toml";

// The app configuration Shopify receives on `shopify app deploy`, built into the server so the
// self-audit checks what is actually declared.
import appToml from "../../../shopify.app.toml?raw";

export interface DeclaredAppConfiguration {
  scopes: string[];
  complianceTopics: string[];
}

interface AppTomlShape {
  access_scopes?: { scopes?: string };
  webhooks?: { subscriptions?: Array<{ compliance_topics?: string[] }> };
}

export function readAppConfiguration(source: string = appToml): DeclaredAppConfiguration {
  const config = parse(source) as AppTomlShape;
  return {
    scopes: (config.access_scopes?.scopes ?? "")
      .split(",")
      .map((scope) => scope.trim())
      .filter(Boolean),
    complianceTopics: (config.webhooks?.subscriptions ?? []).flatMap((subscription) => subscription.compliance_topics ?? []),
  };
}
