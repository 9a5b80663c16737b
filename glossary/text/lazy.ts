/**
 * A value built on first use and kept: for the character tables that used to be built at
 * import. Each one costs tens of milliseconds, and commands that never need it (user, backup,
 * --help) or start-up before the first request should not pay for it (issue 12, item 8).
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
