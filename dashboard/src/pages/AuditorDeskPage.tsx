import { useState } from 'react';
import type { FormEvent } from 'react';
import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { AuditEventsDocument } from '../gql/graphql.js';
import type {
  AuditEventFilter,
  AuditEventsQuery,
  AuditEventsQueryVariables,
} from '../gql/graphql.js';
import { forMember, perMember } from '../graphql/perMember.js';
import { useMembers } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';
import { useSession } from '../session/useSession.js';
import { AuditChainSection } from './AuditChainSection.js';
import { ownMember } from './ownMember.js';

type Events = NonNullable<NonNullable<AuditEventsQuery['fr']>['auditEvents']>;

/** Whether each listed event names the one listed after it (newest first) as its predecessor. */
export function linksHold(
  nodes: readonly { seq: number; hash: string; prevHash: string }[],
): boolean {
  return nodes.every((event, index) => {
    const older = nodes[index + 1];
    return older === undefined || older.seq !== event.seq - 1 || event.prevHash === older.hash;
  });
}

/** The caller's member's audit log, filtered; metadata only, as the member releases it to auditors. */
export function AuditorDeskPage() {
  const session = useSession();
  const { members } = useMembers();
  const member = ownMember(members, session.country);
  const [filter, setFilter] = useState<AuditEventFilter>({});
  const state = useOperation(
    AuditEventsDocument,
    forMember<AuditEventsQueryVariables>(member?.field ?? '', { filter, first: 100 }),
    { skip: member === null },
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    const date = (name: string) => (text(name) ? new Date(text(name)!).toISOString() : null);
    setFilter({
      from: date('from'),
      to: date('to'),
      actor: text('actor'),
      caseRef: text('caseRef'),
      decision: (text('decision') as AuditEventFilter['decision']) ?? null,
    });
  };
  const part = member
    ? perMember<{ auditEvents: Events | null }>(state.result?.data, member.field)
    : null;
  const events = part?.auditEvents ?? null;
  return (
    <>
      <h1 tabIndex={-1}>Auditor's desk</h1>
      {member === null ? (
        <p>Audit logs are national: sign in as an auditor of a member to read its log.</p>
      ) : (
        <>
          <p className="lede">
            The audit log of {member.name}: who asked, why, and what was released, minimised or
            denied.
          </p>
          <AuditChainSection members={members} />
          <h2>Events</h2>
          <form onSubmit={submit} className="form-grid" aria-label="Filter the audit events">
            <label>
              From
              <input type="datetime-local" name="from" />
            </label>
            <label>
              To
              <input type="datetime-local" name="to" />
            </label>
            <label>
              Actor
              <input name="actor" />
            </label>
            <label>
              Case
              <input name="caseRef" />
            </label>
            <label>
              Decision
              <select name="decision" defaultValue="">
                <option value="">any</option>
                <option value="RELEASED">released</option>
                <option value="MINIMISED">minimised</option>
                <option value="DENIED">denied</option>
                <option value="NONE">none</option>
              </select>
            </label>
            <div>
              <button type="submit">Filter</button>
            </div>
          </form>
          <AnswerStatus state={state} />
          <p>
            {member.name}'s answer:{' '}
            <DecisionBadge
              decision={memberDecision(part?.auditEvents, state.result?.errors ?? [], [
                member.field,
                'auditEvents',
              ])}
            />
          </p>
          {events ? (
            <>
              <p role="status">
                Chain links between the events listed:{' '}
                <strong>{linksHold(events.nodes) ? 'consistent' : 'BROKEN'}</strong>. The whole
                chain and its signed checkpoints: see the chain verification above.
              </p>
              <table>
                <caption>
                  {events.totalCount} events (newest {events.nodes.length})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Seq</th>
                    <th scope="col">When</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Purpose</th>
                    <th scope="col">Case</th>
                    <th scope="col">Decision</th>
                    <th scope="col">Minimised</th>
                    <th scope="col">Denied</th>
                  </tr>
                </thead>
                <tbody>
                  {events.nodes.map((event) => (
                    <tr key={event.seq}>
                      <td>{event.seq}</td>
                      <td>{event.occurredAt.slice(0, 19).replace('T', ' ')}</td>
                      <td>{event.kind}</td>
                      <td>
                        {event.actor} ({event.roles.join(', ')}, {event.agency}, {event.homeCountry}
                        )
                      </td>
                      <td>
                        {event.purpose ?? '—'}
                        {event.emergency ? <span className="tag">emergency</span> : null}
                      </td>
                      <td>{event.caseRef ?? '—'}</td>
                      <td>{event.decision}</td>
                      <td>
                        {event.minimised
                          .map((field) => `${field.field} (${field.strategy})`)
                          .join(', ') || '—'}
                      </td>
                      <td>
                        {event.denied
                          .map((field) => `${field.field} (${field.reason})`)
                          .join(', ') || '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      )}
    </>
  );
}
