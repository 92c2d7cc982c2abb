import { Suspense, lazy, useMemo } from 'react';
import { AnswerStatus } from '../components/AnswerStatus.js';
import { Count } from '../components/Count.js';
import type { CountRow } from '../decisions/countBars.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { CrossBorderStatisticsDocument, TransparencyStatisticsDocument } from '../gql/graphql.js';
import type { CrossBorderStatisticsQuery, TransparencyReportFragment } from '../gql/graphql.js';
import { perMember } from '../graphql/perMember.js';
import { useMembers } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';

// The chart library is most of the page's weight: the tables show while it loads.
const CountChart = lazy(() =>
  import('../components/CountChart.js').then((module) => ({ default: module.CountChart })),
);

type CrossBorderReport = NonNullable<NonNullable<CrossBorderStatisticsQuery['fr']>['transparency']>;

/** The public transparency report of every member; no sign-in, purpose STATISTICS. */
export function TransparencyPage() {
  const { members } = useMembers();
  const report = useOperation(TransparencyStatisticsDocument, {}, { purpose: 'STATISTICS' });
  const crossBorder = useOperation(CrossBorderStatisticsDocument, {}, { purpose: 'STATISTICS' });
  const errors = report.result?.errors ?? [];
  const reports = members.map((member) => ({
    member,
    report:
      perMember<{ transparency: TransparencyReportFragment | null }>(
        report.result?.data,
        member.field,
      )?.transparency ?? null,
    decision: memberDecision(
      perMember<{ transparency: unknown }>(report.result?.data, member.field)?.transparency,
      errors,
      [member.field, 'transparency'],
      { forms: false },
    ),
  }));
  const requestRows: CountRow[] = useMemo(
    () =>
      reports.flatMap(({ member, report: r }) =>
        (r?.requests ?? []).map((row) => ({
          member: member.code,
          month: row.month,
          count: row.count,
        })),
      ),
    [report.result, members],
  );
  const emergencyRows = reports.flatMap(({ member, report: r }) =>
    (r?.requests ?? [])
      .filter((row) => row.emergency)
      .map((row) => ({ member: member.code, ...row })),
  );
  const crossBorderRows = members.flatMap((member) =>
    (
      perMember<{ transparency: CrossBorderReport | null }>(crossBorder.result?.data, member.field)
        ?.transparency?.crossBorderRequests ?? []
    ).map((row) => ({ member: member.code, ...row })),
  );
  return (
    <>
      <h1 tabIndex={-1}>Transparency</h1>
      <p className="lede">
        What each member publishes about the requests it answered, its emergency releases and what
        it recovered. Counts below 5 are published as <q>&lt;5</q> by the member and shown as such:
        never as a number, never as zero.
      </p>
      <AnswerStatus state={report} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <table>
          <caption>Each member's report and its overdue emergency reviews</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Report</th>
              <th scope="col">Overdue emergency reviews</th>
            </tr>
          </thead>
          <tbody>
            {reports.map(({ member, report: r, decision }) => (
              <tr key={member.field}>
                <th scope="row">{member.name}</th>
                <td>
                  <DecisionBadge decision={decision} />
                </td>
                <td>{r ? <Count value={r.overdueEmergencyReviews} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Requests by member and month</h2>
        <Suspense fallback={<p className="status">Drawing the chart…</p>}>
          <CountChart rows={requestRows} title="Requests answered, by member and month" />
        </Suspense>
        <details>
          <summary>Requests by member, month, purpose, role and decision (table)</summary>
          <table>
            <caption>Requests by member, month, purpose, role and decision</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Month</th>
                <th scope="col">Purpose</th>
                <th scope="col">Role</th>
                <th scope="col">Decision</th>
                <th scope="col">Emergency</th>
                <th scope="col">Requests</th>
              </tr>
            </thead>
            <tbody>
              {reports.flatMap(({ member, report: r }) =>
                (r?.requests ?? []).map((row, index) => (
                  <tr key={`${member.field}-${index}`}>
                    <td>{member.code}</td>
                    <td>{row.month}</td>
                    <td>{row.purpose ?? '—'}</td>
                    <td>{row.role ?? '—'}</td>
                    <td>{row.decision ?? '—'}</td>
                    <td>{row.emergency ? 'yes' : 'no'}</td>
                    <td className="number">
                      <Count value={row.count} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </details>
      </section>
      <section aria-labelledby="emergency-heading">
        <h2 id="emergency-heading">Emergency releases</h2>
        {emergencyRows.length === 0 ? (
          <p>No member published emergency releases.</p>
        ) : (
          <table>
            <caption>Releases under the EMERGENCY purpose, reviewed by a judge afterwards</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Month</th>
                <th scope="col">Decision</th>
                <th scope="col">Releases</th>
              </tr>
            </thead>
            <tbody>
              {emergencyRows.map((row, index) => (
                <tr key={index}>
                  <td>{row.member}</td>
                  <td>{row.month}</td>
                  <td>{row.decision ?? '—'}</td>
                  <td className="number">
                    <Count value={row.count} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="cross-border-heading">
        <h2 id="cross-border-heading">Cross-border requests</h2>
        <AnswerStatus state={crossBorder} />
        <table>
          <caption>Requests each member received, by type, outcome and timeliness</caption>
          <thead>
            <tr>
              <th scope="col">Received by</th>
              <th scope="col">Month</th>
              <th scope="col">Type</th>
              <th scope="col">From</th>
              <th scope="col">Outcome</th>
              <th scope="col">Ground</th>
              <th scope="col">Requests</th>
              <th scope="col">Decided</th>
              <th scope="col">Decided in time</th>
            </tr>
          </thead>
          <tbody>
            {crossBorderRows.map((row, index) => (
              <tr key={index}>
                <td>{row.member}</td>
                <td>{row.month}</td>
                <td>{row.type}</td>
                <td>{row.fromCountry}</td>
                <td>{row.outcome}</td>
                <td>{row.ground ?? '—'}</td>
                <td className="number">
                  <Count value={row.count} />
                </td>
                <td className="number">
                  <Count value={row.decided} />
                </td>
                <td className="number">
                  {row.timelyShare === null || row.timelyShare === undefined ? (
                    <span className="suppressed">withheld (fewer than 5 decided)</span>
                  ) : (
                    `${Math.round(row.timelyShare * 100)} %`
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="recoveries-heading">
        <h2 id="recoveries-heading">Freezing, confiscation and restitution</h2>
        <table>
          <caption>Orders and amounts by member, kind, asset and month</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Month</th>
              <th scope="col">Kind</th>
              <th scope="col">Asset</th>
              <th scope="col">Orders</th>
              <th scope="col">Amount</th>
            </tr>
          </thead>
          <tbody>
            {reports.flatMap(({ member, report: r }) =>
              (r?.recoveries ?? []).map((row, index) => (
                <tr key={`${member.field}-${index}`}>
                  <td>{member.code}</td>
                  <td>{row.month}</td>
                  <td>{row.kind}</td>
                  <td>{row.asset}</td>
                  <td className="number">
                    <Count value={row.orders} />
                  </td>
                  <td className="number">
                    {row.amount ?? <span className="suppressed">withheld</span>}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </section>
    </>
  );
}
