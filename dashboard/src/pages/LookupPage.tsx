import { useState } from 'react';
import type { FormEvent } from 'react';
import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { minimisedForm } from '../decisions/minimisedForm.js';
import { PseudonymLookupDocument, WalletLookupDocument } from '../gql/graphql.js';
import { perMember } from '../graphql/perMember.js';
import type { GatewayError } from '../graphql/runOperation.js';
import { useMembers } from '../graphql/useMembers.js';
import type { Member } from '../graphql/useMembers.js';
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

/**
 * One member's answer on a wallet or a pseudonym: hit / no-hit and each record kind, each with
 * the member's decision. `prefix` is where the answer sits in the response.
 */
function MemberRecords({
  member,
  answer,
  errors,
  prefix,
  className,
}: {
  member: Member;
  answer: Record<string, unknown> | null;
  errors: readonly GatewayError[];
  prefix: readonly string[];
  className: string;
}) {
  const headingId = `${className}-${member.field}`;
  const hitDecision = memberDecision(answer?.hit, errors, [...prefix, 'hit']);
  return (
    <section
      className={`member-answer ${className}`}
      aria-labelledby={headingId}
      data-member={member.field}
    >
      <h3 id={headingId}>{member.name}</h3>
      {answer === null ? (
        <DecisionBadge decision={memberDecision(null, errors, prefix)} />
      ) : (
        <>
          <p>
            Hit / no-hit:{' '}
            {hitDecision.kind === 'DENIED' ? (
              <DecisionBadge decision={hitDecision} />
            ) : (
              <strong>{answer.hit === true ? 'hit' : answer.hit === false ? 'no hit' : '—'}</strong>
            )}
          </p>
          {RECORD_KINDS.map(([field, label]) => {
            const records = answer[field] as Record<string, unknown>[] | null | undefined;
            const decision = memberDecision(records, errors, [...prefix, field]);
            return (
              <div key={field} className="record-kind">
                <h4>
                  {label} <DecisionBadge decision={decision} />
                </h4>
                {records && records.length > 0 ? (
                  records.map((record, index) => <RecordView key={index} record={record} />)
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
}

/**
 * A case pseudonym asked of every member: each recomputes the case's pseudonyms over its own
 * parties and answers what it holds on that party under its own policy.
 */
function PseudonymLookup({ members }: { members: readonly Member[] }) {
  const [target, setTarget] = useState('');
  const state = useOperation(
    PseudonymLookupDocument,
    { pseudonym: target },
    { skip: target === '' },
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTarget(String(new FormData(event.currentTarget).get('pseudonym') ?? '').trim());
  };
  const errors = state.result?.errors ?? [];
  return (
    <>
      <h2>A case pseudonym</h2>
      <p>
        A pseudonym (<code>psn_…</code>) that a member gave your case stands for the same value at
        every member, within that case only: ask it with the case it was given in.
      </p>
      <form onSubmit={submit} className="search">
        <label htmlFor="pseudonym">Pseudonym (psn_…, given in the case above)</label>
        <input id="pseudonym" name="pseudonym" required defaultValue={target} autoComplete="off" />
        <button type="submit">Look up the pseudonym</button>
      </form>
      {target ? <AnswerStatus state={state} /> : null}
      {target && state.result ? (
        <div className="members-grid">
          {members.map((member) => (
            <MemberRecords
              key={member.field}
              member={member}
              answer={
                perMember<{ pseudonymRecords: Record<string, unknown> | null }>(
                  state.result?.data,
                  member.field,
                )?.pseudonymRecords ?? null
              }
              errors={errors}
              prefix={[member.field, 'pseudonymRecords']}
              className="pseudonym-answer"
            />
          ))}
        </div>
      ) : null}
    </>
  );
}

/** A wallet, a pseudonym or a party asked of every member at once; each member's answer and decision side by side. */
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
          {members.map((member) => (
            <MemberRecords
              key={member.field}
              member={member}
              answer={perMember<Record<string, unknown>>(state.result?.data?.wallet, member.field)}
              errors={errors}
              prefix={['wallet', member.field]}
              className="wallet-answer"
            />
          ))}
        </div>
      ) : null}
      <PseudonymLookup members={members} />
      <PartyLookup />
    </>
  );
}
