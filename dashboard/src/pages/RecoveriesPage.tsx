import { AnswerStatus } from '../components/AnswerStatus.js';
import { Count } from '../components/Count.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import {
  RecoveryOrdersDocument,
  RestitutionStatisticsDocument,
  TransparencyStatisticsDocument,
} from '../gql/graphql.js';
import type {
  RecoveryOrdersQuery,
  RestitutionFragment,
  TransparencyReportFragment,
} from '../gql/graphql.js';
import { perMember } from '../graphql/perMember.js';
import { useMembers } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';
import { restitutionRows } from './restitutionRows.js';

type Orders = NonNullable<NonNullable<RecoveryOrdersQuery['fr']>['confiscationOrders']>;

interface Totals {
  frozen: number;
  confiscated: number;
  returned: number;
  withheld: boolean;
}

/** Amounts as published (decimal strings), added per member and asset; a withheld amount is flagged. */
function totalsOf(report: TransparencyReportFragment | null): Map<string, Totals> {
  const byAsset = new Map<string, Totals>();
  for (const row of report?.recoveries ?? []) {
    const totals = byAsset.get(row.asset) ?? {
      frozen: 0,
      confiscated: 0,
      returned: 0,
      withheld: false,
    };
    if (row.amount === null || row.amount === undefined) totals.withheld = true;
    else {
      const amount = Number(row.amount);
      if (row.kind === 'FREEZING') totals.frozen += amount;
      if (row.kind === 'CONFISCATION') totals.confiscated += amount;
      if (row.kind === 'RESTITUTION') totals.returned += amount;
    }
    byAsset.set(row.asset, totals);
  }
  return byAsset;
}

const amount = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 4 });
const withheld = (why: string) => <span className="suppressed">withheld ({why})</span>;

/**
 * Frozen, confiscated and returned value by member and asset, where recovered value went
 * (recovery rate, time to payment, dispositions), and each member's orders as it releases them.
 */
export function RecoveriesPage() {
  const { members } = useMembers();
  const report = useOperation(TransparencyStatisticsDocument, {}, { purpose: 'STATISTICS' });
  const restitution = useOperation(RestitutionStatisticsDocument, {}, { purpose: 'STATISTICS' });
  const orders = useOperation(RecoveryOrdersDocument, { first: 100 });
  const published = restitutionRows(
    members.map((member) => ({
      member: { code: member.code, name: member.name },
      restitution:
        perMember<{ transparency: { restitution?: RestitutionFragment | null } | null }>(
          restitution.result?.data,
          member.field,
        )?.transparency?.restitution ?? null,
    })),
  );
  return (
    <>
      <h1 tabIndex={-1}>Recoveries</h1>
      <p className="lede">
        Totals and restitution figures come from each member's published report, as its policy
        releases them: a count under 5 reads "&lt;5" and the amounts, rates and days it would reveal
        are withheld. The orders below are what each member releases to your role and purpose.
      </p>
      <AnswerStatus state={report} />
      <table>
        <caption>Frozen, confiscated and returned value by member and asset</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Asset</th>
            <th scope="col">Frozen</th>
            <th scope="col">Confiscated</th>
            <th scope="col">Returned</th>
            <th scope="col">Totals</th>
          </tr>
        </thead>
        <tbody>
          {members.flatMap((member) => {
            const r =
              perMember<{ transparency: TransparencyReportFragment | null }>(
                report.result?.data,
                member.field,
              )?.transparency ?? null;
            return [...totalsOf(r)].map(([asset, totals]) => (
              <tr key={`${member.field}-${asset}`}>
                <th scope="row">{member.name}</th>
                <td>{asset}</td>
                <td className="number">{amount(totals.frozen)}</td>
                <td className="number">{amount(totals.confiscated)}</td>
                <td className="number">{amount(totals.returned)}</td>
                <td>
                  {totals.withheld ? (
                    <span className="suppressed">
                      partial (amounts below the publication threshold withheld)
                    </span>
                  ) : (
                    'complete'
                  )}
                </td>
              </tr>
            ));
          })}
        </tbody>
      </table>
      <section aria-labelledby="restitution-heading">
        <h2 id="restitution-heading">Restitution to victims</h2>
        <p>
          Allocations are divided in each member and published once paid: a victim's share counts
          here when it is paid, a holder's when a judge upholds the objection, the state's when the
          member records what it kept.
        </p>
        <AnswerStatus state={restitution} />
        <table>
          <caption>Recovery rate by member and asset: paid to victims ÷ confiscated</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Asset</th>
              <th scope="col">Confiscated</th>
              <th scope="col">Paid to victims</th>
              <th scope="col">Payments</th>
              <th scope="col">Recovery rate</th>
            </tr>
          </thead>
          <tbody>
            {published.rates.map((row) => (
              <tr key={`${row.member}-${row.asset}`}>
                <th scope="row">{row.member}</th>
                <td>{row.asset}</td>
                <td className="number">{row.confiscated}</td>
                <td className="number">{row.returned ?? withheld('fewer than 5 payments')}</td>
                <td className="number">
                  <Count value={row.payments} />
                </td>
                <td className="number">{row.rate ?? withheld('fewer than 5 payments')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Time from confiscation to payment, by member</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Payments</th>
              <th scope="col">Median (days)</th>
              <th scope="col">Longest (days)</th>
            </tr>
          </thead>
          <tbody>
            {published.delays.map((row) => (
              <tr key={row.member}>
                <th scope="row">{row.member}</th>
                <td className="number">
                  <Count value={row.payments} />
                </td>
                <td className="number">{row.medianDays ?? withheld('fewer than 5 payments')}</td>
                <td className="number">{row.maxDays ?? withheld('fewer than 5 payments')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Dispositions of recovered value by member, asset, kind and month</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Asset</th>
              <th scope="col">Disposition</th>
              <th scope="col">Month</th>
              <th scope="col">Count</th>
              <th scope="col">Amount</th>
            </tr>
          </thead>
          <tbody>
            {published.dispositions.map((row) => (
              <tr
                key={`${row.member}-${row.asset}-${row.kind}-${row.month}`}
                data-disposition={row.kind}
              >
                <th scope="row">{row.member}</th>
                <td>{row.asset}</td>
                <td>{row.label}</td>
                <td>{row.month}</td>
                <td className="number">
                  <Count value={row.count} />
                </td>
                <td className="number">{row.amount ?? withheld('fewer than 5')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h2>Confiscation orders, as each member releases them to you</h2>
      <AnswerStatus state={orders} />
      {members.map((member) => {
        const part = perMember<{ confiscationOrders: Orders | null }>(
          orders.result?.data,
          member.field,
        );
        const decision = memberDecision(part?.confiscationOrders, orders.result?.errors ?? [], [
          member.field,
          'confiscationOrders',
        ]);
        return (
          <section
            key={member.field}
            aria-labelledby={`orders-${member.field}`}
            className="member-answer"
          >
            <h3 id={`orders-${member.field}`}>
              {member.name} <DecisionBadge decision={decision} />
            </h3>
            {part?.confiscationOrders ? (
              <table>
                <caption>
                  {member.name}: {part.confiscationOrders.totalCount} confiscation orders (first{' '}
                  {part.confiscationOrders.nodes.length})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Status</th>
                    <th scope="col">Asset</th>
                    <th scope="col">Amount</th>
                    <th scope="col">Returned</th>
                    <th scope="col">Decided</th>
                  </tr>
                </thead>
                <tbody>
                  {part.confiscationOrders.nodes.slice(0, 20).map((order) => (
                    <tr key={order.id}>
                      <td>{order.id}</td>
                      <td>{order.status}</td>
                      <td>{order.asset}</td>
                      <td className="number">{order.amount}</td>
                      <td className="number">{order.restitutedAmount}</td>
                      <td>{order.decidedAt.slice(0, 10)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
