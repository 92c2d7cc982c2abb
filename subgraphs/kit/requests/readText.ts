import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { RequestRefusal } from './RequestRefusal.js';

/** Longest free text a form or an action carries: a paragraph, not a file. */
export const MAX_TEXT_LENGTH = 2000;

/**
 * A free-text field, trimmed. Required unless `optional` is passed; an optional field that is
 * absent or blank reads as null.
 */
export function readText(value: unknown, field: string): string;
export function readText(value: unknown, field: string, optional: 'optional'): string | null;
export function readText(value: unknown, field: string, optional?: 'optional'): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    if (optional) return null;
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      'MISSING_FIELD',
      `${field} is required`,
      field,
    );
  }
  if (typeof value !== 'string') {
    throw new RequestRefusal(ErrorCode.BAD_USER_INPUT, 'INVALID_FIELD', `${field} is text`, field);
  }
  const text = value.trim();
  if (text.length > MAX_TEXT_LENGTH) {
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      'INVALID_FIELD',
      `${field} is longer than ${MAX_TEXT_LENGTH} characters`,
      field,
    );
  }
  return text;
}
