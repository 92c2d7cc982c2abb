import { errors } from 'jose';

/**
 * Why a token was refused. Values equal their keys, so a reason reads the same in TypeScript,
 * in a response and in a log line.
 */
export const AuthErrorReason = {
  MISSING_TOKEN: 'MISSING_TOKEN',
  MALFORMED_TOKEN: 'MALFORMED_TOKEN',
  ALGORITHM_NOT_ALLOWED: 'ALGORITHM_NOT_ALLOWED',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  UNKNOWN_KEY: 'UNKNOWN_KEY',
  EXPIRED: 'EXPIRED',
  NOT_YET_VALID: 'NOT_YET_VALID',
  WRONG_ISSUER: 'WRONG_ISSUER',
  WRONG_AUDIENCE: 'WRONG_AUDIENCE',
  MISSING_CLAIM: 'MISSING_CLAIM',
  BAD_CLAIM: 'BAD_CLAIM',
  REPLAYED: 'REPLAYED',
} as const;

export type AuthErrorReason = (typeof AuthErrorReason)[keyof typeof AuthErrorReason];

const DEFAULT_MESSAGES: Record<AuthErrorReason, string> = {
  MISSING_TOKEN: 'No token was presented.',
  MALFORMED_TOKEN: 'The token is not a well-formed JWT.',
  ALGORITHM_NOT_ALLOWED: 'The token is signed with an algorithm that is not allowed.',
  BAD_SIGNATURE: 'The token signature does not verify.',
  UNKNOWN_KEY: 'The token is signed with a key that is not trusted.',
  EXPIRED: 'The token has expired.',
  NOT_YET_VALID: 'The token is not valid yet.',
  WRONG_ISSUER: 'The token was issued by an issuer that is not trusted.',
  WRONG_AUDIENCE: 'The token was issued for another audience.',
  MISSING_CLAIM: 'The token lacks a required claim.',
  BAD_CLAIM: 'The token carries a claim with an invalid value.',
  REPLAYED: 'The token has already been used.',
};

/**
 * A caller or context token was refused. The message is written for the caller and names at
 * most a claim: never key material, a key URL or the token itself. What went wrong inside
 * (the jose error, a JWKS fetch failure) is kept in `cause` for the logs only.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code = 'UNAUTHENTICATED' as const;
  readonly reason: AuthErrorReason;

  constructor(
    reason: AuthErrorReason,
    message: string = DEFAULT_MESSAGES[reason],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * Maps whatever jose throws to a reason. A JWKS that cannot be fetched or parsed ends as
 * UNKNOWN_KEY: the token cannot be checked against a trusted key, so it is refused (fail
 * closed); the cause, which may name the internal URL, stays in `cause` for the logs.
 */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const cause = { cause: error };
  if (error instanceof errors.JWTExpired) {
    return new AuthError(AuthErrorReason.EXPIRED, undefined, cause);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return new AuthError(AuthErrorReason.WRONG_ISSUER, undefined, cause);
      case 'aud':
        return new AuthError(AuthErrorReason.WRONG_AUDIENCE, undefined, cause);
      case 'nbf':
        return new AuthError(AuthErrorReason.NOT_YET_VALID, undefined, cause);
    }
    if (error.reason === 'missing') {
      return new AuthError(
        AuthErrorReason.MISSING_CLAIM,
        `The token lacks the "${error.claim}" claim.`,
        cause,
      );
    }
    return new AuthError(
      AuthErrorReason.BAD_CLAIM,
      `The token's "${error.claim}" claim is invalid.`,
      cause,
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthError(AuthErrorReason.ALGORITHM_NOT_ALLOWED, undefined, cause);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthError(AuthErrorReason.BAD_SIGNATURE, undefined, cause);
  }
  if (
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new AuthError(AuthErrorReason.MALFORMED_TOKEN, undefined, cause);
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new AuthError(AuthErrorReason.UNKNOWN_KEY, undefined, cause);
  }
  // JWKSTimeout, JWKSInvalid, JWKInvalid, a non-200 JWKS response, a network failure.
  return new AuthError(
    AuthErrorReason.UNKNOWN_KEY,
    "The identity provider's keys could not be obtained to check the token; try again later.",
    cause,
  );
}
