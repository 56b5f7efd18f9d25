/**
 * Browser mode's session cookie (issue #14): HttpOnly so page scripts never hold the session,
 * SameSite=Strict so another site's page cannot send it along, no Max-Age so it ends with the browser.
 */
export const SESSION_COOKIE = 'lx_session';

const ID = /^[0-9a-f]{64}$/;

/** The session id in a Cookie header, if it has the shape login hands out. */
export function sessionFromCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (ID.test(value)) return value;
  }
  return undefined;
}

/**
 * The Set-Cookie value that keeps a new session, or (null) removes it. Under HTTPS it is `Secure`: a
 * browser never sends it over plain HTTP, where anyone on the network could read it.
 */
export function sessionCookie(id: string | null, secure = false): string {
  const common = `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  return id ? `${SESSION_COOKIE}=${id}; ${common}` : `${SESSION_COOKIE}=; Max-Age=0; ${common}`;
}
