import { createSecretKey, type KeyObject } from "node:crypto";

import { getEnv } from "~/modules/config/get-env.server";

const keys = new WeakMap<Buffer, KeyObject>();

/**
 * LINK_SIGNING_KEY as a key object, made once per process: the JWT library would otherwise
 * make one from the raw bytes for every token it signs or checks (three per email).
 */
export function getLinkSigningKey(): KeyObject {
  const secret = getEnv().LINK_SIGNING_KEY;
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(secret)));
  return key;
}
