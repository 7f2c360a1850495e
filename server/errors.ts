/** Errors as contract v1 says: `{ error: { code, message, details? } }`, never a stack trace. */

export class ApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;
  readonly code: string;
  readonly details: unknown;

  constructor(status: ApiError['status'], code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** 400 invalid_request for one field, named in `details.issues` as well as in the message. */
export function invalidRequest(path: string, message: string): ApiError {
  return new ApiError(400, 'invalid_request', `${path}: ${message}`, { issues: [{ path, message }] });
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
