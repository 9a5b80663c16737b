/**
 * The closed registry of error codes: everything any entry point can refuse, each with its
 * HTTP status and a default wording. Callers and tests compare `code`; server/ answers with
 * `status`; the CLI prints the message. A code not listed here does not type-check, and
 * test/unit/error-codes.test.ts finds any written outside a TermbridgeError.
 */

export const ERRORS = {
  // The request itself
  'bad-request': { status: 400, message: 'The request could not be understood.' },
  'invalid-input': { status: 400, message: 'The input is not valid.' },
  'invalid-json': { status: 400, message: 'The request body is not valid JSON.' },
  'invalid-language-tag': { status: 400, message: 'That is not a language tag (expected something like zh-CN, zh-TW or en).' },
  'invalid-beads': { status: 400, message: 'The sentence pairs given do not fit the two texts.' },
  'host-not-allowed': { status: 421, message: 'This server does not answer for that host name.' },
  'rate-limited': { status: 429, message: 'Too many requests. Wait a moment and try again.' },

  // Accounts and access
  'login-required': { status: 401, message: 'Log in to do this.' },
  'login-failed': { status: 401, message: 'The name or password is wrong.' },
  'too-many-attempts': { status: 429, message: 'Too many failed logins. Wait a few minutes and try again.' },
  forbidden: { status: 403, message: 'You may not do this.' },
  'csrf-failed': { status: 403, message: 'The form expired or came from another site. Reload the page and try again.' },
  'user-not-found': { status: 404, message: 'There is no such user.' },
  'user-exists': { status: 409, message: 'There is already a user with that name.' },
  'last-admin': { status: 409, message: 'This is the only admin; make someone else admin first.' },

  // The glossary
  'not-found': { status: 404, message: 'Nothing was found at this address.' },
  'concept-not-found': { status: 404, message: 'There is no concept with that id.' },
  'history-not-found': { status: 404, message: 'There is no such history entry for this concept.' },
  'candidate-not-found': { status: 404, message: 'There is no candidate with that id.' },
  'version-conflict': {
    status: 409,
    message:
      'Someone else changed this concept after you opened it. Your changes were not saved; compare them with the current version and save again.',
  },
  'nothing-to-revert': { status: 400, message: 'This history entry has no earlier state to go back to.' },
  'concept-exists': { status: 409, message: 'A concept with that id already exists.' },
  'duplicate-external-id': { status: 409, message: 'Another concept already uses that external id.' },
  'candidate-decided': { status: 409, message: 'This candidate was already decided.' },
  'nothing-to-export': { status: 404, message: 'No concept matches: nothing was exported.' },

  // Files and uploads
  'payload-too-large': { status: 413, message: 'The upload is too large.' },
  'too-many-parameters': { status: 413, message: 'The form has too many fields.' },
  'empty-upload': { status: 400, message: 'The upload is empty.' },
  'unsupported-media-type': { status: 415, message: 'That kind of content is not accepted here.' },
  'binary-file': { status: 415, message: 'The file looks like binary data, not text.' },
  'invalid-encoding': { status: 415, message: 'The file is not valid in its encoding.' },
  'encoding-mismatch': { status: 415, message: 'The file is not in the encoding it declares.' },
  'unsupported-encoding': { status: 415, message: 'The file declares an encoding that is not supported.' },
  'invalid-csv': { status: 400, message: 'This is not a well-formed CSV file.' },
  'not-a-glossary': { status: 400, message: 'This file does not look like a glossary.' },
  'invalid-file': { status: 400, message: 'The file could not be read.' },
  'malformed-xml': { status: 400, message: 'The file is not well-formed XML.' },
  'xml-entities': { status: 400, message: 'Entity declarations are refused.' },
  'not-tbx': { status: 400, message: 'This is not a TBX file.' },
  'invalid-tbx': { status: 400, message: 'The TBX file is not valid.' },
  'entry-too-large': { status: 400, message: 'An entry of the file is too large.' },
  'import-refused': { status: 400, message: 'The import was refused; nothing was written.' },
  'too-many-entries': { status: 413, message: 'The file has more entries than can be previewed at once.' },

  // Documents too big or too hard to process
  'document-too-long': { status: 413, message: 'The document is too long.' },
  'sentence-too-long': { status: 413, message: 'A sentence is too long to align.' },
  'too-deeply-nested': { status: 413, message: 'The document is nested too deeply.' },
  'too-complex': { status: 413, message: 'The document is too complex to process. Split it and try again.' },

  // The server
  busy: { status: 503, message: 'The server is busy. Try again in a moment.' },
  'database-unavailable': { status: 503, message: 'The database cannot be opened.' },
  internal: { status: 500, message: 'Something went wrong on our side. The error has been logged.' },
  failed: { status: 500, message: 'The command failed.' },
  /** the command line was not understood (CLI only) */
  usage: { status: 400, message: 'The command line was not understood; see termbridge --help.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

export function errorStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

export function errorMessage(code: ErrorCode): string {
  return ERRORS[code].message;
}

export class TermbridgeError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** extra machine-readable detail, e.g. the current concept on a version conflict */
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, options: { details?: unknown } = {}) {
    super(message ?? ERRORS[code].message);
    this.name = 'TermbridgeError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = options.details;
  }
}

export function isTermbridgeError(e: unknown): e is TermbridgeError {
  return e instanceof TermbridgeError;
}

/** The API's refusal body, `{error:{code,message}}`, for answers written outside the error handler. */
export function errorBody(code: ErrorCode, message: string = ERRORS[code].message): { error: { code: ErrorCode; message: string } } {
  return { error: { code, message } };
}
