import { useState } from 'react';
import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import {
  DecideEmergencyReviewDocument,
  EmergencyReviewsDocument,
  RequestBoardDocument,
} from '../gql/graphql.js';
import type {
  DecideEmergencyReviewMutationVariables,
  EmergencyReviewsQueryVariables,
  RequestBoardQuery,
  ReviewDecision,
  ReviewItemFragment,
} from '../gql/graphql.js';
import { forMember, perMember } from '../graphql/perMember.js';
import { runOperation } from '../graphql/runOperation.js';
import { useMembers } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';
import { useSession } from '../session/useSession.js';
import { ownMember } from './ownMember.js';
import { byUrgency, timeLeft } from './timeLeft.js';

type Queue = { totalCount: number; nodes: ReviewItemFragment[] };
type Requests = NonNullable<NonNullable<RequestBoardQuery['fr']>['requests']>;
const JUDICIAL_STEPS = ['RECOGNISE', 'REFUSE', 'REVIEW_AUTHORISATION', 'REVOKE'];

/** Emergency releases to review and requests awaiting a judge, of the judge's own member. */
export function JudgeDeskPage() {
  const session = useSession();
  const { members } = useMembers();
  const member = ownMember(members, session.country);
  const reviews = useOperation(
    EmergencyReviewsDocument,
    forMember<EmergencyReviewsQueryVariables>(member?.field ?? '', {}),
    { purpose: 'OVERSIGHT_AUDIT', skip: member === null },
  );
  const incoming = useOperation(
    RequestBoardDocument,
    { direction: 'INCOMING', first: 100 },
    { skip: member === null },
  );
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [note, setNote] = useState('');
  if (member === null) {
    return (
      <>
        <h1 tabIndex={-1}>Judge's desk</h1>
        <p>Judicial review is national: sign in as a judge of a member.</p>
      </>
    );
  }
  const part = perMember<{ pending: Queue | null; overdue: Queue | null }>(
    reviews.result?.data,
    member.field,
  );
  const queue = [...(part?.overdue?.nodes ?? []), ...(part?.pending?.nodes ?? [])].filter(
    (review, index, all) => all.findIndex((other) => other.id === review.id) === index,
  );
  const requests = (
    perMember<{ requests: Requests | null }>(incoming.result?.data, member.field)?.requests
      ?.nodes ?? []
  )
    .filter((request) => request.allowedActions.some((action) => JUDICIAL_STEPS.includes(action)))
    .sort(byUrgency);
  const decide = async (review: ReviewItemFragment, decision: ReviewDecision) => {
    setOutcome(null);
    const result = await runOperation(
      DecideEmergencyReviewDocument,
      forMember<DecideEmergencyReviewMutationVariables>(member.field, {
        id: review.id,
        decision,
        note: note || null,
      }),
      { ...session, purpose: 'OVERSIGHT_AUDIT' },
    );
    const decided = perMember<{ decideEmergencyReview: ReviewItemFragment | null }>(
      result.data,
      member.field,
    )?.decideEmergencyReview;
    setOutcome(
      decided
        ? { ok: true, text: `Review ${decided.id}: ${decided.status}.` }
        : { ok: false, text: `Not decided: ${result.errors[0]?.message ?? 'no answer'}` },
    );
    reviews.reload();
  };
  const now = Date.now();
  return (
    <>
      <h1 tabIndex={-1}>Judge's desk</h1>
      <p className="lede">
        {member.name}: emergency releases awaiting your review, and requests awaiting a judicial
        decision.
      </p>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Emergency releases to review</h2>
        <AnswerStatus state={reviews} />
        <p>
          {member.name}'s answer:{' '}
          <DecisionBadge
            decision={memberDecision(part?.pending, reviews.result?.errors ?? [], [
              member.field,
              'pending',
            ])}
          />
        </p>
        {queue.length === 0 ? (
          <p>No emergency release awaits review.</p>
        ) : (
          <>
            <label className="block">
              Note for the decision
              <input value={note} onChange={(event) => setNote(event.target.value)} />
            </label>
            <table>
              <caption>Pending and overdue reviews, overdue first</caption>
              <thead>
                <tr>
                  <th scope="col">Review</th>
                  <th scope="col">Released to</th>
                  <th scope="col">Case</th>
                  <th scope="col">Fields</th>
                  <th scope="col">Deadline</th>
                  <th scope="col">Decide</th>
                </tr>
              </thead>
              <tbody>
                {queue.map((review) => (
                  <tr key={review.id} className={review.overdue ? 'overdue' : undefined}>
                    <td>{review.id}</td>
                    <td>{review.actor}</td>
                    <td>{review.caseRef ?? '—'}</td>
                    <td>{review.fields.join(', ')}</td>
                    <td>{timeLeft(review.deadline, now)}</td>
                    <td className="actions">
                      <button type="button" onClick={() => void decide(review, 'CONFIRMED')}>
                        Confirm<span className="visually-hidden"> review {review.id}</span>
                      </button>
                      <button type="button" onClick={() => void decide(review, 'REJECTED')}>
                        Reject<span className="visually-hidden"> review {review.id}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {outcome ? (
          <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'notice' : 'alert'}>
            {outcome.text}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="judicial-heading">
        <h2 id="judicial-heading">Requests awaiting a judge</h2>
        <AnswerStatus state={incoming} />
        {requests.length === 0 ? (
          <p>No request awaits a judicial step from you.</p>
        ) : (
          <ul>
            {requests.map((request) => (
              <li key={request.id}>
                <a href={`#/requests/${member.field}/${encodeURIComponent(request.id)}`}>
                  {request.id}
                </a>{' '}
                — {request.type}, {request.status},{' '}
                {request.authorisationReviewAt
                  ? `authorisation review ${request.authorisationReviewAt.slice(0, 10)}, `
                  : ''}
                {timeLeft(request.dueAt, now) ?? 'no deadline running'}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
