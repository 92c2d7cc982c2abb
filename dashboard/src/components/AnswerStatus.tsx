import type { OperationState } from '../graphql/useOperation.js';

/** Loading, and errors that are not a member's decision (those show beside each member). */
export function AnswerStatus<T>({ state }: { state: OperationState<T> }) {
  if (state.loading && state.result === null) {
    return (
      <p role="status" className="status">
        Asking the members…
      </p>
    );
  }
  const general = (state.result?.errors ?? []).filter((error) => !error.path);
  if (general.length === 0) return null;
  return (
    <div role="alert" className="alert">
      {general.map((error, index) => (
        <p key={index}>
          {error.message}
          {error.extensions?.code ? (
            <>
              {' '}
              (<code>{error.extensions.code}</code>
              {error.extensions.reason ? (
                <>
                  , <code>{error.extensions.reason}</code>
                </>
              ) : null}
              )
            </>
          ) : null}
        </p>
      ))}
    </div>
  );
}
