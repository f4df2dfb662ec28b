/**
 * Problems as the service answers them: `application/problem+json` (RFC 9457) carrying the
 * engine's error code and each problem with its JSON path and fix (schemas/problem.schema.json).
 * A bug of ours is `INTERNAL`, in one sentence: never a stack trace.
 */
import { STATUS_CODES } from 'node:http';
import { CreditRulesError, type ErrorCode, type Problem } from '../errors.js';

/** The service's own codes, beside the engine's. */
export type ServiceCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED' | 'UNAUTHORIZED' | 'BODY_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'TIMEOUT' | 'UNAVAILABLE' | 'INTERNAL';

/** A problem response's body. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode | ServiceCode;
  detail: string;
  instance?: string;
  recordId?: string;
  index?: number;
  line?: number;
  problems: Problem[];
}

/** An HTTP error the handlers throw: its status, code, sentence and problems. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ServiceCode,
    detail: string,
    readonly problems: Problem[] = [],
    /** Headers the answer needs (Allow, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** A whole HTTP answer for a request Node could not even parse (a malformed request line, headers too slow), written to its socket. */
export function rawProblem(error: NodeJS.ErrnoException): string {
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const problem = problemOf(timeout
    ? new HttpProblem(408, 'TIMEOUT', 'the request headers did not arrive in time', [{ path: '$', message: 'headers too slow', fix: 'send the whole request without pausing, or raise --timeout' }])
    : new HttpProblem(400, 'BAD_REQUEST', 'the request is not well-formed HTTP', [{ path: '$', message: error.code ?? 'malformed request', fix: 'send an HTTP/1.1 request (curl, any HTTP client library)' }]));
  const body = `${JSON.stringify(problem)}\n`;
  return `HTTP/1.1 ${problem.status} ${problem.title}\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/** The HTTP status of each engine code: the request's JSON is wrong (400), or what it holds (422). */
const ENGINE_STATUS: Record<ErrorCode, number> = {
  USAGE: 400,
  JSON_INVALID: 400,
  FILE_UNREADABLE: 400,
  RULESET_INVALID: 422,
  RULESET_REFERENCE: 422,
  RECORD_INVALID: 422,
  CASE_INVALID: 422,
  NO_RULESET_IN_FORCE: 422,
};

/** A problem body for any error: an HttpProblem, an engine error, or (as INTERNAL, in one line) anything else. */
export function problemOf(error: unknown, instance?: string): ProblemBody {
  let status: number;
  let code: ProblemBody['code'];
  let problems: Problem[] = [];
  let detail: string;
  let recordId: string | undefined;
  if (error instanceof HttpProblem) {
    ({ status, code, problems } = error);
    detail = error.message;
  } else if (error instanceof CreditRulesError) {
    status = ENGINE_STATUS[error.code] ?? 422;
    code = error.code;
    problems = error.problems;
    recordId = error.recordId;
    // A message that carries its fix after a dash (a whole-document problem) keeps it.
    detail = error.message;
  } else {
    status = 500;
    code = 'INTERNAL';
    detail = 'internal error: the request could not be served; please report it with the request that caused it';
  }
  const body: ProblemBody = { type: `about:blank#${code}`, title: STATUS_CODES[status] ?? 'Error', status, code, detail, problems };
  if (instance !== undefined) body.instance = instance;
  if (recordId !== undefined) body.recordId = recordId;
  return body;
}
