import { useState } from 'react';
import type { FormEvent } from 'react';
import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { minimisedForm } from '../decisions/minimisedForm.js';
import { WalletLookupDocument } from '../gql/graphql.js';
import { perMember } from '../graphql/perMember.js';
import { useMembers } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';
import { PartyLookup } from './PartyLookup.js';

const RECORD_KINDS = [
  ['freezingOrders', 'Freezing orders'],
  ['confiscationOrders', 'Confiscation orders'],
  ['watchlistEntries', 'Watchlist entries'],
  ['exchangeDisclosures', 'Exchange disclosures'],
] as const;

/** A released value as sent, its minimised form named. */
function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  const form = minimisedForm(value);
  return (
    <>
      <span>{String(value)}</span>
      {form ? <span className="tag">{form.toLowerCase()}</span> : null}
    </>
  );
}

/** A record's leaves as "path: value" lines: what the member sent, nothing derived. */
function RecordView({ record }: { record: Record<string, unknown> }) {
  const lines: [string, unknown][] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((element, index) => walk(element, `${path}[${index}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    } else lines.push([path, value]);
  };
  walk(record, '');
  return (
    <dl className="record">
      {lines.map(([path, value]) => (
        <div key={path}>
          <dt>{path}</dt>
          <dd>
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A wallet asked of every member at once; each member's answer and decision side by side. */
export function LookupPage() {
  const { members } = useMembers();
  const [wallet, setWallet] = useState('');
  const state = useOperation(WalletLookupDocument, { id: wallet }, { skip: wallet === '' });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setWallet(String(new FormData(event.currentTarget).get('wallet') ?? '').trim());
  };
  const errors = state.result?.errors ?? [];
  return (
    <>
      <h1 tabIndex={-1}>Cross-border lookup</h1>
      <p className="lede">
        Every member answers for its own records under its own policy: released, minimised
        (pseudonym, mask, range, hit / no-hit) or denied with its reason. Nothing here is decided by
        the page.
      </p>
      <h2>A wallet</h2>
      <form onSubmit={submit} className="search">
        <label htmlFor="wallet">Wallet (CAIP-10 or short form, e.g. eth:0x…)</label>
        <input id="wallet" name="wallet" required defaultValue={wallet} autoComplete="off" />
        <button type="submit">Ask every member</button>
      </form>
      {wallet ? <AnswerStatus state={state} /> : null}
      {wallet && state.result ? (
        <div className="members-grid">
          {members.map((member) => {
            const answer = perMember<Record<string, unknown>>(
              state.result?.data?.wallet,
              member.field,
            );
            const hitDecision = memberDecision(answer?.hit, errors, [
              'wallet',
              member.field,
              'hit',
            ]);
            return (
              <section
                key={member.field}
                className="member-answer"
                aria-labelledby={`lookup-${member.field}`}
                data-member={member.field}
              >
                <h2 id={`lookup-${member.field}`}>{member.name}</h2>
                {answer === null ? (
                  <DecisionBadge
                    decision={memberDecision(null, errors, ['wallet', member.field])}
                  />
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
                    {RECORD_KINDS.map(([field, label]) => {
                      const records = answer[field] as Record<string, unknown>[] | null | undefined;
                      const decision = memberDecision(records, errors, [
                        'wallet',
                        member.field,
                        field,
                      ]);
                      return (
                        <div key={field} className="record-kind">
                          <h3>
                            {label} <DecisionBadge decision={decision} />
                          </h3>
                          {records && records.length > 0 ? (
                            records.map((record, index) => (
                              <RecordView key={index} record={record} />
                            ))
                          ) : records ? (
                            <p className="muted">none</p>
                          ) : null}
                        </div>
                      );
                    })}
                  </>
                )}
              </section>
            );
          })}
        </div>
      ) : null}
      <PartyLookup />
    </>
  );
}
