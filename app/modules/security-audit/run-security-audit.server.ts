import { gatherSecurityFacts } from "./gather-security-facts.server";
import { evaluateSecurityChecks, type SecurityCheck } from "./security-checks";

export interface SecurityAudit {
  checkedAt: string;
  passed: number;
  failed: number;
  checks: SecurityCheck[];
}

/** The self-audit of one shop's live configuration: every check with its verdict. */
export async function runSecurityAudit(shopId: string, now: Date = new Date()): Promise<SecurityAudit> {
  const checks = evaluateSecurityChecks(await gatherSecurityFacts(shopId, now));
  return {
    checkedAt: now.toISOString(),
    passed: checks.filter((check) => check.status === "pass").length,
    failed: checks.filter((check) => check.status === "fail").length,
    checks,
  };
}
