import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { AuditChainDocument } from '../gql/graphql.js';
import type { AuditChainQuery } from '../gql/graphql.js';
import { perMember } from '../graphql/perMember.js';
import type { Member } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';

type ChainStatus = NonNullable<NonNullable<AuditChainQuery['fr']>['auditChain']>;

const when = (instant: string) => `${instant.slice(0, 19).replace('T', ' ')} UTC`;

/** A long hash or signature: its start on screen, all of it one click away. */
function Long({ value, label }: { value: string; label: string }) {
  return (
    <details className="long-value">
      <summary>
        <code>{value.slice(0, 16)}…</code>
        <span className="visually-hidden"> (show the whole {label})</span>
      </summary>
      <code>{value}</code>
    </details>
  );
}

function ChainFacts({ chain }: { chain: ChainStatus }) {
  const checkpoint = chain.latestCheckpoint;
  return (
    <dl className="facts">
      <dt>Chain</dt>
      <dd className="chain-verdict">
        {chain.verified ? (
          <span className="badge released">verified</span>
        ) : (
          <span className="badge denied">
            BROKEN at event {chain.firstBadSeq} ({chain.problem})
          </span>
        )}
        {chain.message ? <span className="muted"> {chain.message}</span> : null}
      </dd>
      <dt>Events</dt>
      <dd>
        {chain.eventCount.toLocaleString('en')}, head event {chain.headSeq}
      </dd>
      <dt>Head hash</dt>
      <dd>
        <Long value={chain.headHash} label="head hash" />
      </dd>
      <dt>Verified at</dt>
      <dd>{when(chain.verifiedAt)}</dd>
      <dt>Latest signed checkpoint</dt>
      <dd className="checkpoint">
        {checkpoint ? (
          <>
            events {checkpoint.firstSeq}–{checkpoint.sequence}, signed {when(checkpoint.signedAt)}
            {checkpoint.keyId ? (
              <>
                {' '}
                with key <code>{checkpoint.keyId}</code>
              </>
            ) : null}
            <Long value={checkpoint.headHash} label="checkpoint head hash" />
            <Long value={checkpoint.signature} label="signature" />
          </>
        ) : (
          'none signed yet'
        )}
      </dd>
    </dl>
  );
}

/**
 * Each member's own verification of its audit chain and its latest signed checkpoint, as it
 * releases them to the caller: oversight is national, so other members answer with a denial.
 */
export function AuditChainSection({ members }: { members: readonly Member[] }) {
  const state = useOperation(AuditChainDocument, {}, { skip: members.length === 0 });
  const errors = state.result?.errors ?? [];
  return (
    <section aria-labelledby="audit-chain-heading">
      <h2 id="audit-chain-heading">Chain verification</h2>
      <AnswerStatus state={state} />
      {state.result ? (
        <div className="members-grid">
          {members.map((member) => {
            const chain =
              perMember<{ auditChain: ChainStatus | null }>(state.result?.data, member.field)
                ?.auditChain ?? null;
            return (
              <section
                key={member.field}
                className="member-answer audit-chain"
                aria-labelledby={`chain-${member.field}`}
                data-member={member.field}
              >
                <h3 id={`chain-${member.field}`}>
                  {member.name}{' '}
                  <DecisionBadge
                    decision={memberDecision(chain, errors, [member.field, 'auditChain'], {
                      forms: false,
                    })}
                  />
                </h3>
                {chain ? <ChainFacts chain={chain} /> : null}
              </section>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
