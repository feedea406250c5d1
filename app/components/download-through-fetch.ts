/**
 * Downloads a file a POST answers, through the page's own fetch: inside Shopify admin App
 * Bridge adds the session token to it, which a plain link cannot carry. Returns the file name;
 * throws with the server's message when the answer is an error.
 */
export async function downloadThroughFetch(url: string, body: URLSearchParams, fallbackName: string): Promise<string> {
  const response = await fetch(url, { method: "POST", body });
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(answer?.error?.message ?? "The file could not be made; nothing was recorded.");
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallbackName;
  const objectUrl = URL.createObjectURL(await response.blob());
  const anchor = document.createElement("a");
  anchor.href = objectUrl;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  return filename;
}
