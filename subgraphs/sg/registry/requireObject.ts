import { FieldError } from '../../kit/registry/checkField.js';

/** A JSON object (not null, not a list), or a FieldError naming the field. */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) throw new FieldError(`missing field "${field}"`);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FieldError(`field "${field}" must be an object`);
  }
  return value as Record<string, unknown>;
}

/** A list with at least one element, or a FieldError naming the field. */
export function requireNonEmptyArray(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) throw new FieldError(`missing field "${field}"`);
  if (!Array.isArray(value)) throw new FieldError(`field "${field}" must be a list`);
  if (value.length === 0) throw new FieldError(`field "${field}" must not be empty`);
  return value;
}
