import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** One GraphQL error as the gateway sends it: code, and for a refusal the member's reason. */
export interface GatewayError {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    reason?: string;
    field?: string;
    jurisdiction?: string;
  };
}

export interface OperationResult<T> {
  data: T | null;
  errors: GatewayError[];
  status: number;
}

/** Who is asking and why: what every request carries besides the operation. */
export interface Asking {
  token: string | null;
  purpose: string;
  caseRef: string;
}

interface HashedDocument {
  __meta__?: { hash?: string };
}

/**
 * Sends a persisted operation by its sha256 only (Apollo's persisted-query extension): the
 * dashboard never sends GraphQL text, and the gateway runs only what its manifest holds.
 */
export async function runOperation<T, V>(
  document: TypedDocumentNode<T, V>,
  variables: V,
  asking: Asking,
): Promise<OperationResult<T>> {
  const hash = (document as HashedDocument).__meta__?.hash?.replace(/^sha256:/, '');
  if (!hash) throw new Error('An operation without a persisted hash: run npm run dashboard:build');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-comity-purpose': asking.purpose,
  };
  if (asking.caseRef.trim() !== '') headers['x-comity-case-ref'] = asking.caseRef.trim();
  if (asking.token) headers.authorization = `Bearer ${asking.token}`;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    }),
  });
  let body: { data?: T | null; errors?: GatewayError[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = { errors: [{ message: `The gateway answered ${response.status}` }] };
  }
  return { data: body.data ?? null, errors: body.errors ?? [], status: response.status };
}
