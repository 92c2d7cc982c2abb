import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { RequestBoardDocument } from '../gql/graphql.js';
import type {
  RequestBoardQuery,
  RequestDirection,
  RequestSummaryFragment,
} from '../gql/graphql.js';
import { perMember } from '../graphql/perMember.js';
import { useMembers } from '../graphql/useMembers.js';
import type { Member } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';
import { FileFreezingRequestForm } from './FileFreezingRequestForm.js';
import { byUrgency, timeLeft } from './timeLeft.js';

type Requests = NonNullable<NonNullable<RequestBoardQuery['fr']>['requests']>;

function Board({ direction, members }: { direction: RequestDirection; members: Member[] }) {
  const state = useOperation(RequestBoardDocument, { direction, first: 100 });
  const now = Date.now();
  const rows: (RequestSummaryFragment & { member: Member })[] = [];
  const decisions = members.map((member) => {
    const part = perMember<{ requests: Requests | null }>(state.result?.data, member.field);
    for (const node of part?.requests?.nodes ?? []) rows.push({ ...node, member });
    return {
      member,
      decision: memberDecision(part?.requests, state.result?.errors ?? [], [
        member.field,
        'requests',
      ]),
    };
  });
  rows.sort(byUrgency);
  const label =
    direction === 'INCOMING'
      ? 'Incoming: addressed to your member'
      : 'Outgoing: filed by your agency';
  return (
    <section aria-labelledby={`board-${direction}`}>
      <h2 id={`board-${direction}`}>{label}</h2>
      <AnswerStatus state={state} />
      <ul
        className="member-decisions"
        aria-label={`Each member's answer (${direction.toLowerCase()})`}
      >
        {decisions.map(({ member, decision }) => (
          <li key={member.field}>
            {member.name}: <DecisionBadge decision={decision} />
          </li>
        ))}
      </ul>
      {rows.length === 0 ? (
        <p>No requests.</p>
      ) : (
        <table>
          <caption>{label}, overdue first</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Type</th>
              <th scope="col">State</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Case</th>
              <th scope="col">Next deadline</th>
              <th scope="col">Time left</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={`${row.member.field}-${row.id}`}
                className={row.overdue ? 'overdue' : undefined}
              >
                <td>
                  <a href={`#/requests/${row.member.field}/${encodeURIComponent(row.id)}`}>
                    {row.id}
                  </a>
                  {row.urgent ? <span className="tag">urgent</span> : null}
                </td>
                <td>{row.type}</td>
                <td data-testid="request-state">{row.status}</td>
                <td>
                  {row.issuingState} · {row.issuingAgency}
                </td>
                <td>{row.executingState}</td>
                <td>{row.caseRef}</td>
                <td>
                  {row.dueFor
                    ? `${row.dueFor} by ${row.dueAt?.slice(0, 16).replace('T', ' ')}`
                    : '—'}
                </td>
                <td>
                  {row.overdue ? (
                    <strong>{timeLeft(row.dueAt, now) ?? 'overdue'}</strong>
                  ) : (
                    (timeLeft(row.dueAt, now) ?? '—')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Outgoing and incoming cross-border requests, as each member lists them to the caller. */
export function RequestBoardPage() {
  const { members } = useMembers();
  return (
    <>
      <h1 tabIndex={-1}>Requests</h1>
      <p className="lede">
        Each member is the system of record for the requests addressed to it: this board asks every
        member for what it holds for you.
      </p>
      <Board direction="INCOMING" members={members} />
      <Board direction="OUTGOING" members={members} />
      <FileFreezingRequestForm members={members} />
    </>
  );
}
