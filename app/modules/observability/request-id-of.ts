/** The id the web server gave this HTTP request (also in its log line and X-Request-Id answer). */
export function requestIdOf(request: Request): string | null {
  return request.headers.get("x-request-id");
}
