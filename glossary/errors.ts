/**
 * One error type with stable codes for everything the domain can refuse. Callers and tests
 * compare `code`; the wording lives here only. server/ maps `status` onto HTTP.
 */

export const ERROR_MESSAGES = {
  'invalid-input': 'The input is not valid.',
  'invalid-language-tag': 'That is not a language tag (expected something like zh-CN, zh-TW or en).',
  'not-found': 'Nothing was found at this address.',
  'concept-not-found': 'There is no concept with that id.',
  'history-not-found': 'There is no such history entry for this concept.',
  'version-conflict':
    'Someone else changed this concept after you opened it. Your changes were not saved; compare them with the current version and save again.',
  'nothing-to-revert': 'This history entry has no earlier state to go back to.',
  'concept-exists': 'A concept with that id already exists.',
  'duplicate-external-id': 'Another concept already uses that external id.',
  'payload-too-large': 'The upload is too large.',
  'unsupported-media-type': 'That kind of content is not accepted here.',
  'not-implemented': 'This feature is not available yet.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  'not-found': 404,
  'concept-not-found': 404,
  'history-not-found': 404,
  'version-conflict': 409,
  'concept-exists': 409,
  'duplicate-external-id': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'not-implemented': 501,
};

export class TermbridgeError extends Error {
  readonly code: ErrorCode | (string & {});
  readonly status: number;
  /** extra machine-readable detail, e.g. the current concept on a version conflict */
  readonly details: unknown;

  constructor(code: ErrorCode | (string & {}), message?: string, options: { status?: number; details?: unknown } = {}) {
    super(message ?? ERROR_MESSAGES[code as ErrorCode] ?? code);
    this.name = 'TermbridgeError';
    this.code = code;
    this.status = options.status ?? STATUS_BY_CODE[code as ErrorCode] ?? 400;
    this.details = options.details;
  }
}

export function isTermbridgeError(e: unknown): e is TermbridgeError {
  return e instanceof TermbridgeError;
}
