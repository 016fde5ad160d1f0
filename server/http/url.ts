/** Parsing what arrives in a request line, without ever throwing. */

/** The request's URL, or null when the request line is not a parseable path (`GET //[`). */
export function requestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/** A decoded path segment, or null for a malformed escape such as `%ZZ`. */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
