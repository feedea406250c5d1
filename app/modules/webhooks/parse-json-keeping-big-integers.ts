/**
 * Shopify ids are 64-bit and exceed Number.MAX_SAFE_INTEGER, so `JSON.parse` silently
 * rounds them. This parser turns every integer literal too large to be exact into a string
 * of its digits (smaller numbers and everything else parse natively). It jumps from token to
 * token with a regular expression, so string contents are skipped rather than walked.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

/** Either a whole string literal (skipped) or a number literal outside strings. */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const SAFE_DIGITS = 15;

function quoteUnsafeIntegers(text: string): string {
  let output: string[] | null = null;
  let copiedUpTo = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const literal = match[0];
    if (literal.charCodeAt(0) === 34 /* " */) continue;
    const digits = literal.charCodeAt(0) === 45 /* - */ ? literal.length - 1 : literal.length;
    if (digits <= SAFE_DIGITS || !/^-?\d+$/.test(literal) || Number.isSafeInteger(Number(literal))) continue;
    output ??= [];
    output.push(text.slice(copiedUpTo, match.index), '"', literal, '"');
    copiedUpTo = match.index + literal.length;
  }
  if (!output) return text;
  output.push(text.slice(copiedUpTo));
  return output.join("");
}
