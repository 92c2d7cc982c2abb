import { leaksInternals } from './leaksInternals.js';

/**
 * The `extensions` a client may see besides `code`, each with the only shape it ever has: a
 * jurisdiction or a reason is an upper-case identifier (`FR`, `ROLE_NOT_ALLOWED`, `HTTP_500`),
 * a field is a schema coordinate (`Person.idNumber`), an argument a GraphQL name (`after`), a
 * network a chain family's name (`Tron`), an input path the place in an input object
 * (`input.freezing.property[0].wallet`). A value of any other shape is free text and is
 * dropped.
 */
const PUBLIC_EXTENSION_SHAPES = {
  jurisdiction: /^[A-Z][A-Z0-9_]{0,31}$/,
  reason: /^[A-Z][A-Z0-9_]{0,63}$/,
  field: /^[_A-Za-z][_A-Za-z0-9]{0,127}\.[_A-Za-z][_A-Za-z0-9]{0,127}$/,
  argumentName: /^[_A-Za-z][_A-Za-z0-9]{0,63}$/,
  network: /^[A-Z][A-Za-z0-9]{0,31}$/,
  inputPath: /^[_A-Za-z][_A-Za-z0-9]{0,63}(?:\.[_A-Za-z][_A-Za-z0-9]{0,63}|\[[0-9]{1,4}\]){0,12}$/,
} as const;

export type PublicExtensionKey = keyof typeof PUBLIC_EXTENSION_SHAPES;

/** The public keys of `extensions`, where each has its expected shape. */
export function publicExtensions(
  extensions: Readonly<Record<string, unknown>>,
): Partial<Record<PublicExtensionKey, string>> {
  const kept: Partial<Record<PublicExtensionKey, string>> = {};
  for (const [key, shape] of Object.entries(PUBLIC_EXTENSION_SHAPES)) {
    const value = extensions[key];
    if (typeof value === 'string' && shape.test(value) && !leaksInternals(value)) {
      kept[key as PublicExtensionKey] = value;
    }
  }
  return kept;
}
