import { normalizeWalletId } from '../../../core/identifiers/index.js';

/**
 * Field checks shared by the importers. Each returns the checked value or throws a
 * FieldError whose message is the reason an import problem reports.
 */
export class FieldError extends Error {
  override readonly name = 'FieldError';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DECIMAL = /^-?\d{1,30}(\.\d{1,18})?$/;
const COUNTRY = /^[A-Z]{2}$/;

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FieldError(`missing field "${field}"`);
  }
  return value;
}

export function optionalString(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new FieldError(`field "${field}" must be a string`);
  return value;
}

/** A calendar date or an ISO 8601 date-time; date-times are returned in UTC (`…Z`). */
export function requireDate(value: unknown, field: string): string {
  const text = requireString(value, field);
  if (ISO_DATE.test(text)) {
    const parsed = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) {
      throw new FieldError(`bad date in "${field}": ${JSON.stringify(text)}`);
    }
    return text;
  }
  if (ISO_DATE_TIME.test(text)) {
    const parsed = new Date(text);
    // Date() rolls impossible days over (2024-02-30 → 1 March): check the calendar part.
    const calendar = text.slice(0, 10);
    const day = new Date(`${calendar}T00:00:00Z`);
    if (
      Number.isNaN(parsed.getTime()) ||
      Number.isNaN(day.getTime()) ||
      day.toISOString().slice(0, 10) !== calendar
    ) {
      throw new FieldError(`bad date in "${field}": ${JSON.stringify(text)}`);
    }
    return parsed.toISOString();
  }
  throw new FieldError(`bad date in "${field}": ${JSON.stringify(text)} is not ISO 8601`);
}

export function optionalDate(value: unknown, field: string): string | null {
  return value === undefined || value === null || value === '' ? null : requireDate(value, field);
}

export function requireDecimal(value: unknown, field: string): string {
  const text = typeof value === 'number' ? String(value) : requireString(value, field);
  if (!DECIMAL.test(text))
    throw new FieldError(`bad decimal in "${field}": ${JSON.stringify(text)}`);
  return text;
}

export function requireCountry(value: unknown, field: string): string {
  const text = requireString(value, field);
  if (!COUNTRY.test(text)) {
    throw new FieldError(`bad country in "${field}": ${JSON.stringify(text)} (ISO 3166-1 alpha-2)`);
  }
  return text;
}

export function optionalCountry(value: unknown, field: string): string | null {
  return value === undefined || value === null || value === ''
    ? null
    : requireCountry(value, field);
}

export function requireOneOf<T extends string | number>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T {
  if (!allowed.includes(value as T)) {
    throw new FieldError(
      `bad value in "${field}": ${JSON.stringify(value)} (expected one of ${allowed.join(', ')})`,
    );
  }
  return value as T;
}

/** A wallet address in any accepted form, returned as normalised CAIP-10. */
export function requireWalletId(value: unknown, field: string): string {
  try {
    return normalizeWalletId(value);
  } catch (error) {
    throw new FieldError(`bad address in "${field}": ${(error as Error).message}`);
  }
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new FieldError(`field "${field}" must be a list`);
  return value;
}
