import type { BenchReport } from './BenchReport.js';
import { table } from './format.js';
import { SYSTEM_LABELS, SYSTEM_ORDER } from './systemLabels.js';

/** Each scenario with what every system answered to it once, then the operations themselves. */
export function renderScenarios(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('### Scenarios');
  out.push('');
  for (const scenario of report.scenarios) {
    out.push(
      `**${scenario.id}. ${scenario.name}** — ${scenario.description}.${scenario.note ? ` ${scenario.note}` : ''}`,
    );
    out.push('');
    const probe = report.probes[scenario.id] ?? {};
    out.push(
      table(
        ['System', 'One answer before load'],
        SYSTEM_ORDER.filter((system) => probe[system]).map((system) => [
          SYSTEM_LABELS[system],
          probe[system]!,
        ]),
      ),
    );
    out.push('');
  }
  out.push(...operations(report));
  return out;
}

function operations(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('<details><summary>Operations</summary>');
  out.push('');
  for (const scenario of report.scenarios) {
    out.push(
      `Scenario ${scenario.id}${Object.keys(scenario.variables).length ? ` (variables \`${JSON.stringify(scenario.variables)}\`)` : ''}:`,
    );
    out.push('');
    out.push('```graphql');
    out.push(scenario.query.trim().replace(/^ {2}/gm, ''));
    out.push('```');
    out.push('');
  }
  out.push('</details>');
  out.push('');
  return out;
}
