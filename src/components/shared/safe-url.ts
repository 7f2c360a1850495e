/**
 * A URL from the server, fit to render: http(s), absolute or relative to the page. Anything else
 * (`javascript:`, `data:`, unparsable text) is dropped, whatever a server or an attacker sent.
 */
export function safeUrl(value: string | undefined | null, base: string = document.baseURI): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
