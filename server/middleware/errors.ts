import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { type ErrorCode, errorBody, errorMessage, errorStatus, isTermbridgeError, TermbridgeError } from '../../glossary/errors.ts';
import { localeOf } from '../i18n/middleware.ts';
import { describeRefusal, describeZodIssues } from '../i18n/problems.ts';

export interface HttpError {
  status: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Describe a zod failure in one line a person can act on: "terms.0.lang: …". */
function describeZodError(e: ZodError): string {
  return e.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

const httpError = (code: ErrorCode, message: string = errorMessage(code)): HttpError => ({ status: errorStatus(code), code, message });

/** Map anything thrown onto a status, a stable code and a message; never leak a stack. */
function toHttpError(err: unknown): HttpError {
  if (isTermbridgeError(err)) return { status: err.status, code: err.code, message: err.message, details: err.details };
  if (err instanceof ZodError) return httpError('invalid-input', describeZodError(err));
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string; expose?: boolean };
  // body-parser and friends mark client errors with a status and a type.
  switch (e?.type) {
    case 'entity.parse.failed':
      return httpError('invalid-json');
    case 'entity.too.large':
      return httpError('payload-too-large');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return httpError('unsupported-media-type', e.message);
    case 'parameters.too.many':
      return httpError('too-many-parameters');
  }
  const status = e?.status ?? e?.statusCode;
  if (status && status >= 400 && status < 500) {
    // The one code whose status is the client error's own (404, 405, 416 …).
    return { status, code: 'bad-request', message: e.expose && e.message ? e.message : errorMessage('bad-request') };
  }
  return httpError('internal');
}

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new TermbridgeError('not-found'));
};

/**
 * The one place errors become responses: JSON `{error:{code,message}}` for the API and for
 * clients that ask for JSON, an error page otherwise.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const http = toHttpError(err);
  if (http.status >= 500) console.error(err);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(http.status);
  const json = () => {
    const body: { error: { code: ErrorCode; message: string; current?: unknown } } = errorBody(http.code, http.message);
    if (http.code === 'version-conflict') body.error.current = (http.details as { current?: unknown })?.current;
    res.json(body);
  };
  if (req.path.startsWith('/api/') || req.path === '/healthz') return json();
  res.format({
    html: () => {
      // The page says it in its own language: zod issues in plain words, refusals by their code.
      const language = localeOf(res);
      if (!language.t) return json(); // failed before the locale was chosen (host check)
      const message = err instanceof ZodError ? describeZodIssues(err, language) : describeRefusal(http, language);
      res.render('errors/error', { title: language.t('title.error', { status: http.status }), error: { ...http, message } });
    },
    json,
    default: json,
  });
};
