/**
 * The core said the session is gone (idle timeout, account disabled, signed out in another window):
 * the session gate listens and goes back to the login page. Kept apart from the gate so api.ts can
 * report without importing React.
 */
let listener: ((message: string) => void) | null = null;

export function onSignedOut(fn: (message: string) => void): () => void {
  listener = fn;
  return () => {
    if (listener === fn) listener = null;
  };
}

export function reportSignedOut(message: string): void {
  listener?.(message);
}
