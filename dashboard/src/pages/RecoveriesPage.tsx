import { AnswerStatus } from '../components/AnswerStatus.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { memberDecision } from '../decisions/memberDecision.js';
import { RecoveryOrdersDocument, TransparencyStatisticsDocument } from '../gql/graphql.js';
import type { RecoveryOrdersQuery, TransparencyReportFragment } from '../gql/graphql.js';
import { perMember } from '../graphql/perMember.js';
import { useMembers } from '../graphql/useMembers.js';
import { useOperation } from '../graphql/useOperation.js';

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

/** Frozen, confiscated and returned value by member and asset, and each member's orders as it releases them. */
export function RecoveriesPage() {
  const { members } = useMembers();
  const report = useOperation(TransparencyStatisticsDocument, {}, { purpose: 'STATISTICS' });
  const orders = useOperation(RecoveryOrdersDocument, { first: 100 });
  return (
    <>
      <h1 tabIndex={-1}>Recoveries</h1>
      <p className="lede">
        Totals come from each member's published report; the orders below are what each member
        releases to your role and purpose. The recovery rate is returned value over confiscated
        value, per asset.
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
            <th scope="col">Recovery rate</th>
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
                <td className="number">
                  {totals.withheld ? (
                    <span className="suppressed">
                      withheld (amounts below the publication threshold)
                    </span>
                  ) : totals.confiscated > 0 ? (
                    `${Math.round((totals.returned / totals.confiscated) * 100)} %`
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ));
          })}
        </tbody>
      </table>
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
