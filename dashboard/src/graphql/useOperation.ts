import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useSession } from '../session/useSession.js';
import { runOperation } from './runOperation.js';
import type { OperationResult } from './runOperation.js';

export interface OperationState<T> {
  loading: boolean;
  result: OperationResult<T> | null;
  reload: () => void;
}

/**
 * Runs a persisted query as the signed-in caller whenever its variables, the caller, or the
 * stated purpose and case change. `purpose` overrides the session's (the public report is
 * always STATISTICS). `skip` holds the query back until the page has what it needs.
 */
export function useOperation<T, V>(
  document: TypedDocumentNode<T, V>,
  variables: V,
  options: { purpose?: string; skip?: boolean } = {},
): OperationState<T> {
  const session = useSession();
  const [result, setResult] = useState<OperationResult<T> | null>(null);
  const [loading, setLoading] = useState(!options.skip);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const purpose = options.purpose ?? session.purpose;
  useEffect(() => {
    if (options.skip) return undefined;
    let current = true;
    setLoading(true);
    runOperation(document, JSON.parse(key) as V, {
      token: session.token,
      purpose,
      caseRef: session.caseRef,
    })
      .then((answer) => current && setResult(answer))
      .catch(
        (error: unknown) =>
          current &&
          setResult({ data: null, errors: [{ message: (error as Error).message }], status: 0 }),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [document, key, session.token, purpose, session.caseRef, options.skip, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { loading, result, reload };
}
