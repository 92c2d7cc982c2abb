import { useState } from 'react';
import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { ActOnRequestDocument, RequestDocument } from '../gql/graphql.js';
import type {
  ActOnRequestMutationVariables,
  RequestAction,
  RequestDetailFragment,
  RequestQueryVariables,
} from '../gql/graphql.js';
import { forMember, perMember } from '../graphql/perMember.js';
import { runOperation } from '../graphql/runOperation.js';
import { useOperation } from '../graphql/useOperation.js';
import { useSession } from '../session/useSession.js';
import { timeLeft } from './timeLeft.js';

/** Actions whose details the executing member requires (requests.graphql, RequestActionInput). */
const NEEDS_GROUND: readonly RequestAction[] = ['REFUSE', 'POSTPONE'];
const NEEDS_REASON: readonly RequestAction[] = [
  'REFUSE',
  'POSTPONE',
  'REQUEST_CONSULTATION',
  'EXTEND',
  'REVIEW_AUTHORISATION',
];

/** One request: its form, deadlines and history, and the steps the executing member allows the caller. */
export function RequestPage({ member, id }: { member: string; id: string }) {
  const session = useSession();
  const state = useOperation(RequestDocument, forMember<RequestQueryVariables>(member, { id }));
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [ground, setGround] = useState('');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const part = perMember<{ request: RequestDetailFragment | null }>(state.result?.data, member);
  const request = part?.request ?? null;
  const decision = memberDecision(part ? part.request : null, state.result?.errors ?? [], [
    member,
    'request',
  ]);

  const act = async (action: RequestAction) => {
    if (!request) return;
    setBusy(true);
    setOutcome(null);
    const details: ActOnRequestMutationVariables['details'] = {};
    if (NEEDS_GROUND.includes(action) && ground) details.ground = ground;
    if (NEEDS_REASON.includes(action) && reason) details.reason = reason;
    if (action === 'POSTPONE' && until) details.postponedUntil = new Date(until).toISOString();
    if (action === 'EXTEND' && until) {
      details.until = new Date(until).toISOString();
      details.milestone = request.dueFor ?? null;
    }
    if (action === 'REVIEW_AUTHORISATION' && until)
      details.reviewAt = new Date(until).toISOString();
    if (action === 'RECOGNISE') {
      const asked = [
        ...(request.disclosure?.categories ?? []),
        ...(request.deAnonymisation?.categories ?? []),
      ];
      if (asked.length > 0) details.grantedCategories = asked.map((entry) => entry.category);
    }
    const result = await runOperation(
      ActOnRequestDocument,
      forMember<ActOnRequestMutationVariables>(member, {
        id: request.id,
        version: request.version,
        action,
        details: Object.keys(details).length > 0 ? details : null,
      }),
      session,
    );
    setBusy(false);
    const next = perMember<{ actOnRequest: RequestDetailFragment | null }>(
      result.data,
      member,
    )?.actOnRequest;
    if (next) setOutcome({ ok: true, text: `${action}: the request is now ${next.status}.` });
    else {
      const error = result.errors[0];
      setOutcome({
        ok: false,
        text: `${action} refused: ${error?.message ?? 'no answer'}${error?.extensions?.code ? ` (${error.extensions.code}${error.extensions.reason ? `, ${error.extensions.reason}` : ''})` : ''}`,
      });
    }
    state.reload();
  };

  return (
    <>
      <h1 tabIndex={-1}>Request {id}</h1>
      <p>
        <a href="#/requests">Back to the board</a>
      </p>
      <AnswerStatus state={state} />
      <p>
        {member.toUpperCase()}'s answer: <DecisionBadge decision={decision} />
      </p>
      {request ? (
        <>
          <dl className="facts">
            <dt>State</dt>
            <dd data-testid="request-status">{request.status}</dd>
            <dt>Type</dt>
            <dd>
              {request.type} — {request.instrument}
            </dd>
            <dt>From</dt>
            <dd>
              {request.issuingState} · {request.issuingAgency} ({request.issuingRole})
            </dd>
            <dt>Executing member</dt>
            <dd>{request.executingState}</dd>
            <dt>Case</dt>
            <dd>{request.caseRef}</dd>
            <dt>Next deadline</dt>
            <dd>
              {request.dueFor
                ? `${request.dueFor}, ${timeLeft(request.dueAt, Date.now())}`
                : 'none running'}
              {request.overdue ? <strong> — overdue</strong> : null}
            </dd>
            {request.ground ? (
              <>
                <dt>Ground</dt>
                <dd>
                  <code>{request.ground.code}</code> {request.ground.label} (
                  {request.ground.legalBasis})
                </dd>
              </>
            ) : null}
            {request.recognisedOrderId ? (
              <>
                <dt>Order recorded</dt>
                <dd>{request.recognisedOrderId}</dd>
              </>
            ) : null}
          </dl>
          <section aria-labelledby="form-heading">
            <h2 id="form-heading">Form</h2>
            {request.freezing ? (
              <dl className="facts">
                <dt>Issuing authority</dt>
                <dd>{request.freezing.issuingAuthority}</dd>
                <dt>Validating judge</dt>
                <dd>{request.freezing.validatingJudge ?? '—'}</dd>
                <dt>Offence</dt>
                <dd>
                  {request.freezing.offence} ({request.freezing.legalQualification})
                </dd>
                <dt>Property</dt>
                <dd>
                  <ul>
                    {request.freezing.property.map((item, index) => (
                      <li key={index}>
                        {item.wallet?.id ?? '—'} {item.amount ?? ''} {item.asset ?? ''}
                      </li>
                    ))}
                  </ul>
                </dd>
                <dt>Urgent</dt>
                <dd>
                  {request.freezing.urgent ? `yes: ${request.freezing.urgencyReason ?? ''}` : 'no'}
                </dd>
              </dl>
            ) : null}
            {request.confiscation ? (
              <p>
                {request.confiscation.issuingAuthority}: {request.confiscation.offence} (
                {request.confiscation.legalQualification}), final{' '}
                {request.confiscation.finalAt.slice(0, 10)}
              </p>
            ) : null}
            {request.preservation ? (
              <p>
                {request.preservation.issuingAuthority}: {request.preservation.offence} —{' '}
                {request.preservation.reason}
              </p>
            ) : null}
            {request.disclosure ? (
              <ul>
                {request.disclosure.categories.map((entry) => (
                  <li key={entry.category}>
                    {entry.category}: {entry.justification}
                  </li>
                ))}
              </ul>
            ) : null}
            {request.deAnonymisation ? (
              <p>
                {request.deAnonymisation.offence}, up to {request.deAnonymisation.maxPenaltyYears}{' '}
                years; authorisation {request.deAnonymisation.judicialAuthorisation}; pseudonym{' '}
                {request.deAnonymisation.pseudonym ?? '—'}
              </p>
            ) : null}
          </section>
          <section aria-labelledby="deadlines-heading">
            <h2 id="deadlines-heading">Deadlines</h2>
            <table>
              <caption>Legal time limits, computed by the executing member</caption>
              <thead>
                <tr>
                  <th scope="col">Milestone</th>
                  <th scope="col">Due</th>
                  <th scope="col">Reached</th>
                  <th scope="col">Met</th>
                  <th scope="col">Legal basis</th>
                </tr>
              </thead>
              <tbody>
                {request.deadlines.map((deadline) => (
                  <tr key={deadline.milestone}>
                    <td>{deadline.milestone}</td>
                    <td>{deadline.dueAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
                    <td>{deadline.reachedAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
                    <td>{deadline.met ? 'yes' : 'no'}</td>
                    <td>{deadline.legalBasis}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <table>
              <caption>Every transition, each an event in the executing member's audit log</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Action</th>
                  <th scope="col">To</th>
                  <th scope="col">By</th>
                  <th scope="col">At</th>
                </tr>
              </thead>
              <tbody>
                {request.history.map((step) => (
                  <tr key={step.version}>
                    <td>{step.version}</td>
                    <td>{step.action}</td>
                    <td>{step.to}</td>
                    <td>
                      {step.role}, {step.agency} ({step.country})
                    </td>
                    <td>{step.at.slice(0, 16).replace('T', ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">Next steps</h2>
            {request.allowedActions.length === 0 ? (
              <p>The executing member allows you no step on this request now.</p>
            ) : (
              <>
                <div className="form-grid">
                  <label>
                    Ground code (refusal, postponement)
                    <input value={ground} onChange={(event) => setGround(event.target.value)} />
                  </label>
                  <label>
                    Reason
                    <input value={reason} onChange={(event) => setReason(event.target.value)} />
                  </label>
                  <label>
                    Until / review date
                    <input
                      type="datetime-local"
                      value={until}
                      onChange={(event) => setUntil(event.target.value)}
                    />
                  </label>
                </div>
                <div className="actions" role="group" aria-label="Allowed steps">
                  {request.allowedActions.map((action) => (
                    <button
                      key={action}
                      type="button"
                      disabled={busy}
                      onClick={() => void act(action)}
                    >
                      {action.replace(/_/g, ' ').toLowerCase()}
                    </button>
                  ))}
                </div>
              </>
            )}
            {outcome ? (
              <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'notice' : 'alert'}>
                {outcome.text}
              </p>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}
