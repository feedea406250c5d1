/**
 * Shopify ids are 64-bit and exceed Number.MAX_SAFE_INTEGER, so `JSON.parse` silently
 * rounds them. This parser turns every integer literal too large to be exact into a string
 * of its digits (smaller numbers and everything else parse natively), in one pass over the
 * text.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const SAFE_DIGITS = 15;

function quoteUnsafeIntegers(text: string): string {
  let output: string[] | null = null;
  let copiedUpTo = 0;
  let index = 0;
  const length = text.length;

  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === 34 /* " */) {
      index = skipString(text, index);
      continue;
    }
    const startsNumber = code === 45 /* - */ || (code >= 48 && code <= 57);
    if (!startsNumber) {
      index += 1;
      continue;
    }
    const start = index;
    if (code === 45) index += 1;
    while (index < length && isDigit(text.charCodeAt(index))) index += 1;
    const next = text.charCodeAt(index);
    const isInteger = next !== 46 /* . */ && next !== 101 /* e */ && next !== 69; /* E */
    const digits = index - start - (code === 45 ? 1 : 0);
    if (isInteger && digits > SAFE_DIGITS && !Number.isSafeInteger(Number(text.slice(start, index)))) {
      output ??= [];
      output.push(text.slice(copiedUpTo, start), '"', text.slice(start, index), '"');
      copiedUpTo = index;
    }
    while (index < length && isNumberChar(text.charCodeAt(index))) index += 1;
  }

  if (!output) return text;
  output.push(text.slice(copiedUpTo));
  return output.join("");
}

function skipString(text: string, openingQuote: number): number {
  let index = openingQuote + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 92 /* \ */) index += 2;
    else if (code === 34) return index + 1;
    else index += 1;
  }
  return index;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isNumberChar(code: number): boolean {
  return isDigit(code) || code === 46 || code === 101 || code === 69 || code === 43 || code === 45;
}
