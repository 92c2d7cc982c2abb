/** The cache hint a subgraph's Cache-Control header gives. */
export interface CacheHint {
  maxAge: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/**
 * A Cache-Control header read as RemoteGraphQLDataSource reads it (its private
 * parseCacheControlHeader and respond): a valid `max-age` sets maxAge, otherwise 0; a bare
 * `private` makes the scope PRIVATE and a bare `public` PUBLIC, `public` winning when both
 * appear. A directive given twice counts as given last.
 */
export function cacheHintOf(header: string | null | undefined): CacheHint {
  const directives = new Map<string, string | true>();
  if (header) {
    for (const part of header.trim().split(/\s*,\s*/)) {
      const [name = '', value] = part.split(/\s*=\s*/, 2);
      directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
    }
  }
  const hint: CacheHint = { maxAge: 0 };
  const maxAge = directives.get('max-age');
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  return hint;
}
