import { useState } from 'react';
import type { FormEvent } from 'react';
import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { minimisedForm } from '../decisions/minimisedForm.js';
import { PartyLookupDocument } from '../gql/graphql.js';
import type { PartyMatchQuery, PartySchema } from '../gql/graphql.js';
import { perMember } from '../graphql/perMember.js';
import { useMembers } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';

interface Candidate {
  scoreBand: string | null;
  score: number | null;
  pseudonym: string | null;
  registry: string | null;
  recordId: string | null;
  party: { id: string; name: string | null } | null;
  requestTypes: string[] | null;
}

const COLUMNS = [
  ['scoreBand', 'Band'],
  ['score', 'Score'],
  ['pseudonym', 'Pseudonym'],
  ['registry', 'Registry'],
  ['recordId', 'Record'],
  ['party', 'Name'],
  ['requestTypes', 'Requests to act on it'],
] as const;

/** One cell as the member sent it: the value (its minimised form named) or its decision. */
function Cell({
  value,
  decision,
}: {
  value: unknown;
  decision: Parameters<typeof DecisionBadge>[0]['decision'];
}) {
  if (decision.kind === 'DENIED' || decision.kind === 'UNAVAILABLE') {
    return <DecisionBadge decision={decision} />;
  }
  if (value === null || value === undefined) return <span className="muted">—</span>;
  const shown = Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'object'
      ? String((value as { name?: unknown }).name ?? '—')
      : String(value);
  const form = minimisedForm(shown);
  return (
    <>
      <span>{shown}</span>
      {form ? <span className="tag">{form.toLowerCase()}</span> : null}
    </>
  );
}

/**
 * A person or company asked of every member (`partyMatches`): each member's hit / no-hit and
 * candidates, released, minimised or denied with the reason, as the member decided.
 */
export function PartyLookup() {
  const { members } = useMembers();
  const [query, setQuery] = useState<PartyMatchQuery | null>(null);
  const state = useOperation(
    PartyLookupDocument,
    { query: query ?? { schema: 'PERSON' as PartySchema } },
    { skip: query === null },
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setQuery({
      schema: text('schema') as PartySchema,
      names: [text('party-name')],
      ...(text('birth-date') ? { birthDate: text('birth-date') } : {}),
      ...(text('nationality') ? { nationality: text('nationality').toUpperCase() } : {}),
    });
  };
  const errors = state.result?.errors ?? [];
  return (
    <section aria-labelledby="party-lookup-heading">
      <h2 id="party-lookup-heading">A person or company</h2>
      <form onSubmit={submit} className="search">
        <label htmlFor="party-schema">Kind</label>
        <select id="party-schema" name="schema" defaultValue="PERSON">
          <option value="PERSON">Person</option>
          <option value="COMPANY">Company</option>
        </select>
        <label htmlFor="party-name">Name (any script or order)</label>
        <input id="party-name" name="party-name" required autoComplete="off" />
        <label htmlFor="party-birth-date">Birth date (YYYY, YYYY-MM or YYYY-MM-DD, optional)</label>
        <input id="party-birth-date" name="birth-date" autoComplete="off" />
        <label htmlFor="party-nationality">Nationality or country (e.g. DE, optional)</label>
        <input id="party-nationality" name="nationality" autoComplete="off" maxLength={2} />
        <button type="submit">Search every member</button>
      </form>
      {query ? <AnswerStatus state={state} /> : null}
      {query && state.result ? (
        <div className="members-grid">
          {members.map((member) => {
            const prefix = ['partyMatches', member.field];
            const answer = perMember<{ hit: boolean | null; candidates: Candidate[] | null }>(
              state.result?.data?.partyMatches,
              member.field,
            );
            const hitDecision = memberDecision(answer?.hit, errors, [...prefix, 'hit']);
            const candidates = answer?.candidates ?? [];
            return (
              <section
                key={member.field}
                className="party-answer"
                aria-labelledby={`party-${member.field}`}
                data-member={member.field}
              >
                <h3 id={`party-${member.field}`}>{member.name}</h3>
                {answer === null ? (
                  <DecisionBadge decision={memberDecision(null, errors, prefix)} />
                ) : (
                  <>
                    <p>
                      Hit / no-hit:{' '}
                      {hitDecision.kind === 'DENIED' ? (
                        <DecisionBadge decision={hitDecision} />
                      ) : (
                        <strong>
                          {answer.hit === true ? 'hit' : answer.hit === false ? 'no hit' : '—'}
                        </strong>
                      )}
                    </p>
                    <p>
                      Candidates:{' '}
                      <DecisionBadge
                        decision={memberDecision(answer.candidates, errors, [
                          ...prefix,
                          'candidates',
                        ])}
                      />
                    </p>
                    {candidates.length > 0 ? (
                      <table>
                        <caption>{member.name}'s candidates, best first</caption>
                        <thead>
                          <tr>
                            {COLUMNS.map(([, label]) => (
                              <th key={label} scope="col">
                                {label}
                              </th>
                            ))}
                          </tr>
                        </thead>
                        <tbody>
                          {candidates.map((candidate, index) => (
                            <tr key={index}>
                              {COLUMNS.map(([field]) => (
                                <td key={field}>
                                  <Cell
                                    value={candidate[field]}
                                    decision={memberDecision(candidate[field], errors, [
                                      ...prefix,
                                      'candidates',
                                      index,
                                      field,
                                    ])}
                                  />
                                </td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : null}
                  </>
                )}
              </section>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
