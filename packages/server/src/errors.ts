/**
 * The one error type services throw. The errors plugin turns it into
 * `{ error: { code, message, details? } }` with the status given here.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'You do not have access to this') =>
  new AppError(403, 'forbidden', message);
export const unauthorized = () => new AppError(401, 'unauthorized', 'Sign in first');
/** A value that must be unique already exists. */
export const conflict = (field: string, message: string) => new AppError(409, 'conflict', message, { field });
/** A reference to something that does not exist, or a value that breaks a rule. */
export const invalid = (field: string, message: string) =>
  new AppError(422, 'invalid', `${field}: ${message}`, { field });
