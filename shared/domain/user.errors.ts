import { OuvidorError } from './errors.js';

/** One message for an unknown user and a wrong password: the answer must not tell which. */
export class InvalidCredentialsError extends OuvidorError {
  constructor(options?: { cause?: unknown }) {
    super(401, 'invalid_credentials', 'The email or password is not correct.', options);
  }
}

export class UserExistsError extends OuvidorError {
  constructor(email: string, options?: { cause?: unknown }) {
    super(409, 'user_exists', `A user ${email} already exists.`, { ...options, details: [{ field: 'email', message: 'already exists' }] });
  }
}
