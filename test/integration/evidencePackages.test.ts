import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { importCheckpointKey } from '../../subgraphs/kit/audit/importCheckpointKey.js';
import { jurisdictionAuditKey } from '../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { openAuditLog } from '../../subgraphs/kit/audit/openAuditLog.js';
import { destroyExpiredEvidence } from '../../subgraphs/kit/evidence/destroyExpiredEvidence.js';
import { readEvidenceExport } from '../../subgraphs/kit/evidence/readEvidenceExport.js';
import { receiptPayload, RECEIPT_JWS_TYPE } from '../../subgraphs/kit/evidence/receiptPayload.js';
import { signDetachedJws } from '../../subgraphs/kit/evidence/signDetachedJws.js';
import { verifyEvidenceFiles } from '../../subgraphs/kit/evidence/verifyEvidenceFiles.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';
import { validateCaseUco } from '../support/validateCaseUco.js';

// docs/evidence.md end to end: France's requests executed by Germany produce signed
// packages, fetched by the issuing case through the gateway, exported and verified offline.
const run = promisify(execFile);
let fixture: FederationFixture;
let out: string;

const CASE = 'FR-PNF-2026-0077';
const FR: Asking = {
  role: 'PROSECUTOR',
  country: 'FR',
  agency: 'Parquet national financier',
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: CASE,
};
const DE_CENTRAL: Asking = {
  role: 'CENTRAL_AUTHORITY',
  country: 'DE',
  agency: 'Bundesamt für Justiz',
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: 'DE-RH-2026-0200',
};
const DE_JUDGE: Asking = { ...DE_CENTRAL, role: 'JUDGE', agency: 'Amtsgericht Frankfurt' };
const DE_OFFICER: Asking = {
  ...DE_CENTRAL,
  role: 'ASSET_RECOVERY_OFFICER',
  agency: 'Bundeskriminalamt',
  purpose: 'FREEZE_EXECUTION',
};

const ACT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!, $action: RequestAction!, $details: RequestActionInput) {
    de {
      actOnRequest(id: $id, version: $version, action: $action, details: $details) {
        id
        version
        status
      }
    }
  }
`;
const EVIDENCE = /* GraphQL */ `
  query ($id: ID!) {
    de {
      request(id: $id) {
        evidence {
          id
          manifest
          manifestSha256
          signature
          auditSeq
          items {
            name
            sha256
            content
            redactions {
              field
              strategy
            }
          }
          custody {
            seq
            action
          }
          receipt {
            seq
            hash
          }
        }
      }
    }
  }
`;

async function must(asking: Asking, query: string, variables: Record<string, unknown>) {
  const { body } = await fixture.ask(asking, query, variables);
  expect(body.errors ?? []).toEqual([]);
  return body.data;
}

async function execute(input: Record<string, unknown>, granted: string[] | null, executor: Asking) {
  const filed = (
    await must(
      FR,
      `mutation ($input: FileRequestInput!) { de { fileRequest(input: $input) { id version } } }`,
      { input },
    )
  ).de.fileRequest;
  let request = filed;
  const step = async (asking: Asking, action: string, details?: Record<string, unknown>) => {
    request = (
      await must(asking, ACT, { id: request.id, version: request.version, action, details })
    ).de.actOnRequest;
  };
  await step(DE_CENTRAL, 'ACKNOWLEDGE');
  await step(DE_JUDGE, 'RECOGNISE', granted ? { grantedCategories: granted } : undefined);
  await step(executor, 'EXECUTE');
  return request.id as string;
}

const ids: Record<string, string> = {};
const packages: Record<string, any> = {};

/** A command of scripts/ as an operator runs it, against the fixture's stores and keys. */
const runScript = (script: string, args: string[]) =>
  run('npx', ['tsx', path.join(REPO_ROOT, 'scripts', script), ...args], {
    env: {
      ...process.env,
      COMITY_DATA_ROOT: fixture.dataRoot,
      COMITY_KEYS_DIR: path.join(fixture.dataRoot, 'keys'),
      AUDIT_DATABASE_URL: '',
    },
    cwd: REPO_ROOT,
  }).then(
    (result) => ({ code: 0, ...result }),
    (error) => ({
      code: error.code as number,
      stdout: error.stdout as string,
      stderr: error.stderr as string,
    }),
  );

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 15_000, maxRestarts: 0 });
  out = mkdtempSync(path.join(os.tmpdir(), 'comity-evidence-'));
  const entries = await fixture.ask(
    {
      role: 'INVESTIGATOR',
      country: 'DE',
      purpose: 'CRIMINAL_INVESTIGATION',
      caseRef: 'DE-PICK-9',
    },
    `{ de { watchlistEntries(first: 2) { nodes { wallets { id } } } } }`,
  );
  const [first, second] = entries.body.data.de.watchlistEntries.nodes;
  ids.DISCLOSURE = await execute(
    {
      type: 'DISCLOSURE',
      disclosure: {
        issuingAuthority: 'Parquet national financier, Paris',
        offence: 'Blanchiment aggravé',
        wallets: [first.wallets[0].id],
        categories: [
          { category: 'WATCHLIST_ENTRIES', justification: 'The wallet received the proceeds' },
          { category: 'FREEZING_ORDERS', justification: 'Whether it is frozen already' },
        ],
        emergency: false,
      },
    },
    ['WATCHLIST_ENTRIES'],
    DE_CENTRAL,
  );
  ids.DE_ANONYMISATION = await execute(
    {
      type: 'DE_ANONYMISATION',
      deAnonymisation: {
        issuingAuthority: 'Juge d’instruction, TJ Paris',
        offence: 'Blanchiment en bande organisée',
        maxPenaltyYears: 10,
        judicialAuthorisation: 'Ordonnance JI-2026-131',
        wallet: second.wallets[0].id,
        categories: [
          {
            category: 'IDENTITY',
            necessity: 'The holder is the suspect',
            proportionality: 'Name only',
          },
        ],
        lessIntrusiveMeans: 'Exchange records were checked first',
        retentionDays: 30,
        noticeDeferredUntil: '2027-12-31T00:00:00Z',
      },
    },
    ['IDENTITY'],
    DE_CENTRAL,
  );
  ids.FREEZING = await execute(
    {
      type: 'FREEZING',
      freezing: {
        issuingAuthority: 'Parquet national financier, Paris',
        validatingJudge: 'Juge des libertés et de la détention, TJ Paris',
        offence: 'Blanchiment aggravé',
        legalQualification: 'Code pénal art. 324-2',
        property: [{ wallet: crossBorderWallets()[2]!, asset: 'BTC', amount: '0.5' }],
        urgent: false,
      },
    },
    null,
    DE_OFFICER,
  );
}, 240_000);

afterAll(async () => {
  await fixture?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('evidence packages of executed requests, through the gateway', () => {
  it.each(['DISCLOSURE', 'DE_ANONYMISATION', 'FREEZING'])(
    'the issuing case fetches the %s package; each item is the released record and its hash',
    async (type) => {
      const data = await must(FR, EVIDENCE, { id: ids[type] });
      const pkg = data.de.request.evidence;
      packages[type] = pkg;
      expect(pkg.id).toBe(`evp-${ids[type]}`);
      expect(pkg.items.length).toBeGreaterThan(0);
      for (const item of pkg.items) {
        const { createHash } = await import('node:crypto');
        expect(createHash('sha256').update(item.content).digest('hex')).toBe(item.sha256);
      }
      expect(pkg.custody.map((e: { action: string }) => e.action)).toEqual([
        'CREATED',
        'MADE_AVAILABLE',
        'RETRIEVED',
      ]);
      expect(pkg.receipt.seq).toBe(3);
      const report = await validateCaseUco(pkg.manifest);
      expect([...report.results, ...report.sparqlResults]).toEqual([]);
    },
  );

  it('holds exactly what the release gives the issuing case, minimised as released', async () => {
    const { body } = await fixture.ask(
      FR,
      `query ($id: ID!) { de { request(id: $id) { release { watchlistEntries { id program } } } } }`,
      { id: ids.DISCLOSURE },
    );
    const released = body.data.de.request.release.watchlistEntries as {
      id: string;
      program: string;
    }[];
    const items = (packages.DISCLOSURE.items as { content: string }[]).map((i) =>
      JSON.parse(i.content),
    );
    expect(items.map((i) => i.id).sort()).toEqual(released.map((r) => r.id).sort());
    for (const record of released) {
      expect(items.find((i) => i.id === record.id).program).toBe(record.program);
    }
    // Only the identity the judge granted: the name, no birth date.
    const identity = JSON.parse(packages.DE_ANONYMISATION.items[0].content);
    expect(identity.name).toMatch(/\S/);
    expect(identity.birthDate).toBeNull();
    const freezing = JSON.parse(packages.FREEZING.items[0].content);
    expect(freezing).toMatchObject({
      id: `rfo-${ids.FREEZING}`,
      crossBorderRequestId: ids.FREEZING,
    });
  });

  it.each([
    ['another agency of the issuing country', { ...FR, agency: 'Parquet de Lyon' }],
    ['the issuing agency under another case', { ...FR, caseRef: 'FR-OTHER-2' }],
  ])('gives %s nothing', async (_label, asking) => {
    const { body } = await fixture.ask(asking as Asking, EVIDENCE, { id: ids.DISCLOSURE });
    expect(body.data?.de?.request?.evidence ?? null).toBeNull();
  });

  it('gives the executing member’s own staff no package either', async () => {
    const { body } = await fixture.ask(DE_CENTRAL, EVIDENCE, { id: ids.DISCLOSURE });
    expect(body.data?.de?.request?.evidence ?? null).toBeNull();
  });

  it('takes a receipt countersigned by the receiver’s published key, and refuses another key', async () => {
    const pkg = packages.DISCLOSURE;
    const keysDir = path.join(fixture.dataRoot, 'keys');
    const payload = receiptPayload(pkg, pkg.receipt);
    const mutation = `mutation ($id: ID!, $seq: Int!, $signature: String!) {
      de { countersignEvidenceReceipt(requestId: $id, seq: $seq, signature: $signature) { seq action } } }`;
    const germanKey = await importCheckpointKey(await jurisdictionAuditKey('de', keysDir));
    const forged = await fixture.ask(FR, mutation, {
      id: ids.DISCLOSURE,
      seq: pkg.receipt.seq,
      signature: await signDetachedJws(payload, RECEIPT_JWS_TYPE, germanKey),
    });
    expect(forged.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'BAD_SIGNATURE',
    });
    // France signs with `evidence:countersign`, from the package as its case fetched it.
    const receiptFile = path.join(out, 'evidence.json');
    writeFileSync(receiptFile, JSON.stringify(pkg));
    const signed = await runScript('evidenceCountersign.ts', [
      '--receipt',
      receiptFile,
      '--keys-dir',
      keysDir,
      '--country',
      'FR',
    ]);
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    const data = await must(FR, mutation, {
      id: ids.DISCLOSURE,
      seq: pkg.receipt.seq,
      signature: signed.stdout.trim(),
    });
    expect(data.de.countersignEvidenceReceipt.action).toBe('RECEIPT_COUNTERSIGNED');
  });

  const RECORD = `mutation ($id: ID!, $action: EvidenceHandling!, $note: String!) {
    de { recordEvidenceCustody(requestId: $id, action: $action, note: $note) { seq action actor country detail prevHash hash } } }`;

  it('records the issuing case’s own COPIED and SEALED of its copy, hash-linked and audited', async () => {
    const copied = (
      await must(FR, RECORD, {
        id: ids.FREEZING,
        action: 'COPIED',
        note: 'one working copy to the investigating judge',
      })
    ).de.recordEvidenceCustody;
    const sealed = (
      await must(FR, RECORD, { id: ids.FREEZING, action: 'SEALED', note: 'scellé PNF-2026-118' })
    ).de.recordEvidenceCustody;
    expect([copied.action, sealed.action]).toEqual(['COPIED', 'SEALED']);
    expect(sealed.seq).toBe(copied.seq + 1);
    expect(sealed.prevHash).toBe(copied.hash);
    expect(sealed.country).toBe('FR');
    expect(JSON.parse(sealed.detail)).toMatchObject({
      side: 'RECEIVING',
      note: 'scellé PNF-2026-118',
      caseRef: CASE,
      auditSeq: expect.any(Number),
    });
    const chain = (await must(FR, EVIDENCE, { id: ids.FREEZING })).de.request.evidence.custody;
    expect(chain.map((e: { action: string }) => e.action)).toEqual([
      'CREATED',
      'MADE_AVAILABLE',
      'RETRIEVED',
      'COPIED',
      'SEALED',
      'RETRIEVED',
    ]);
  });

  it.each([
    ['another agency of the issuing country', { ...FR, agency: 'Parquet de Lyon' }, 'NOT_FOUND'],
    ['the issuing agency under another case', { ...FR, caseRef: 'FR-OTHER-2' }, 'NOT_FOUND'],
    ['the executing member’s own staff', DE_CENTRAL, 'FORBIDDEN'],
    ['a role that issues no request', { ...FR, role: 'ANALYST' }, 'FORBIDDEN'],
  ])('refuses %s a receiving-side entry, and records nothing', async (_label, asking, code) => {
    const before = (await must(FR, EVIDENCE, { id: ids.DISCLOSURE })).de.request.evidence.custody;
    const { body } = await fixture.ask(asking as Asking, RECORD, {
      id: ids.DISCLOSURE,
      action: 'SEALED',
      note: 'forged seal',
    });
    expect(body.data?.de?.recordEvidenceCustody ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    const after = (await must(FR, EVIDENCE, { id: ids.DISCLOSURE })).de.request.evidence.custody;
    // Only the two reads of this test were added, both RETRIEVED.
    expect(after.slice(before.length).map((e: { action: string }) => e.action)).toEqual([
      'RETRIEVED',
    ]);
  });

  it('refuses a note it could not show a clerk', async () => {
    const { body } = await fixture.ask(FR, RECORD, {
      id: ids.DISCLOSURE,
      action: 'SEALED',
      note: 'sealed\u001b[2J',
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'BAD_NOTE',
    });
  });
});

describe('export and offline verification', () => {
  const env = () => ({
    ...process.env,
    COMITY_DATA_ROOT: fixture.dataRoot,
    COMITY_KEYS_DIR: path.join(fixture.dataRoot, 'keys'),
    AUDIT_DATABASE_URL: '',
  });
  const npmRun = (script: string, args: string[]) =>
    run('npx', ['tsx', path.join(REPO_ROOT, 'scripts', script), ...args], {
      env: env(),
      cwd: REPO_ROOT,
    }).then(
      (result) => ({ code: 0, ...result }),
      (error) => ({
        code: error.code as number,
        stdout: error.stdout as string,
        stderr: error.stderr as string,
      }),
    );
  let trusted: (cc: string) => any;

  beforeAll(async () => {
    // An embedded store has one owner: stop Germany, as `evidence:export` requires.
    const child = fixture.federation.processes.de!.child!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const keysDir = path.join(fixture.dataRoot, 'keys');
    const keys = Object.fromEntries(
      ['de', 'fr'].map((cc) => [
        cc.toUpperCase(),
        JSON.parse(readFileSync(path.join(keysDir, `audit-${cc}.public.jwk.json`), 'utf8')),
      ]),
    );
    trusted = (cc) => keys[cc] ?? null;
  }, 60_000);

  it('exports each package as a zip that evidence:verify accepts, exit 0', async () => {
    for (const type of ['DISCLOSURE', 'DE_ANONYMISATION', 'FREEZING']) {
      const zip = path.join(out, `${type}.zip`);
      const exported = await npmRun('evidenceExport.ts', [
        '--jurisdiction',
        'de',
        '--request',
        ids[type]!,
        '--out',
        zip,
      ]);
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      const verified = await npmRun('evidenceVerify.ts', [zip]);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(/^VERIFIED/);
      // One custody entry per line, the export last.
      expect(verified.stdout).toMatch(
        /\n {4}\d+\. EXPORTED \S+ by DE evidence custodian \(DE\), as a zip\n/,
      );
      if (type === 'FREEZING') {
        expect(verified.stdout).toMatch(
          /\n {4}5\. SEALED \S+ by Parquet national financier \(FR\), its copy: scellé PNF-2026-118\n/,
        );
      }
    }
    const countersigned = await npmRun('evidenceVerify.ts', [path.join(out, 'DISCLOSURE.zip')]);
    expect(countersigned.stdout).toMatch(
      /\n {4}4\. RECEIPT_COUNTERSIGNED \S+ by Parquet national financier \(FR\), receipt 3 countersigned with FR's published key\n/,
    );
  }, 120_000);

  it('fails, naming what, on every alteration', async () => {
    const dir = path.join(out, 'dir');
    const exported = await npmRun('evidenceExport.ts', [
      '--jurisdiction',
      'de',
      '--request',
      ids.DISCLOSURE!,
      '--out',
      dir,
    ]);
    expect(exported.code).toBe(0);
    const base = await readEvidenceExport(dir);
    expect(verifyEvidenceFiles(base, trusted).ok).toBe(true);
    const item = [...base.keys()].find((name) => name.startsWith('items/'))!;
    const text = (name: string) => new TextDecoder().decode(base.get(name)!);
    const withFile = (name: string, content: string | null) => {
      const files = new Map(base);
      if (content === null) files.delete(name);
      else files.set(name, new TextEncoder().encode(content));
      return files;
    };
    const json = (name: string, change: (value: any) => void) => {
      const value = JSON.parse(text(name));
      change(value);
      return withFile(name, JSON.stringify(value));
    };
    const frenchKey = await importCheckpointKey(
      await jurisdictionAuditKey('fr', path.join(fixture.dataRoot, 'keys')),
    );
    const cases: [string, Map<string, Uint8Array>, string, RegExp][] = [
      ['an item byte', withFile(item, text(item).replace(/.$/, ' ')), 'ITEM', new RegExp(item)],
      ['an item removed', withFile(item, null), 'ITEM', /missing/],
      ['an item added', withFile('items/999-extra.json', '{}'), 'ITEM', /not in the manifest/],
      [
        'the manifest',
        withFile('manifest.jsonld', text('manifest.jsonld').replace(CASE, 'FR-PNF-2026-0078')),
        'SIGNATURE',
        /does not verify/,
      ],
      [
        'the signature',
        withFile('manifest.jws', text('manifest.jws').replace(/..\n?$/, 'AA')),
        'SIGNATURE',
        /signature/,
      ],
      [
        'a package signed with another key',
        withFile(
          'manifest.jws',
          await signDetachedJws(text('manifest.jsonld'), 'comity-evidence-manifest+jws', frenchKey),
        ),
        'SIGNATURE',
        /signed with key/,
      ],
      [
        'a custody entry',
        json('custody.json', (c) => (c[2].at = '2020-01-01T00:00:00.000Z')),
        'CUSTODY',
        /custody entry 3/,
      ],
      [
        'a custody entry removed',
        json('custody.json', (c) => c.splice(1, 1)),
        'CUSTODY',
        /custody entry 2/,
      ],
      [
        'the inclusion proof',
        json('audit-proof.json', (p) => (p.inclusionProof[0] = 'f'.repeat(64))),
        'INCLUSION_PROOF',
        /not in the checkpoint/,
      ],
      [
        'the checkpoint',
        json('audit-proof.json', (p) => (p.checkpoint.issuedAt = '2020-01-01T00:00:00.000Z')),
        'CHECKPOINT_SIGNATURE',
        /checkpoint/,
      ],
      [
        'a key not published',
        json('audit-proof.json', (p) => (p.publicJwk = trusted('FR'))),
        'UNKNOWN_KEY',
        /published/,
      ],
    ];
    for (const [label, files, check, reason] of cases) {
      const result = verifyEvidenceFiles(files, trusted);
      expect({ label, ok: result.ok }).toEqual({ label, ok: false });
      if (!result.ok) {
        expect({ label, check: result.check }).toEqual({ label, check });
        expect(result.reason).toMatch(reason);
      }
    }
    // The command names the failure too, and exits 1.
    const tampered = path.join(out, 'tampered');
    cpSync(dir, tampered, { recursive: true });
    writeFileSync(path.join(tampered, item), `${text(item)} `);
    const failed = await npmRun('evidenceVerify.ts', [tampered]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^FAILED ITEM: item items\//);
  }, 120_000);

  it('puts every retrieval on the custody chain and in the audit log, and a purge keeps the chain verifiable', async () => {
    const log = await openAuditLog({
      databaseUrl: null,
      pgliteDataDir: path.join(fixture.dataRoot, 'de', 'audit-pglite'),
      schema: 'audit_de',
      jurisdiction: 'DE',
      signingKey: await jurisdictionAuditKey('de', path.join(fixture.dataRoot, 'keys')),
      checkpointIntervalMs: 0,
    });
    try {
      const packaged = await log.list({ kind: 'EVIDENCE_PACKAGE' }, { first: 100, after: null });
      expect(packaged.totalCount).toBe(3);
      const custodyEvents = await log.list(
        { kind: 'EVIDENCE_CUSTODY' },
        { first: 100, after: null },
      );
      const retrievals = custodyEvents.events.filter((e) => e.detail.action === 'RETRIEVED');
      const pkgId = `evp-${ids.DISCLOSURE}`;
      const chain = await log.evidence.custody(pkgId);
      const retrievedOnChain = chain.filter((e) => e.action === 'RETRIEVED');
      expect(
        retrievals
          .filter((e) => e.detail.evidencePackage === pkgId)
          .map((e) => e.seq)
          .sort(),
      ).toEqual(retrievedOnChain.map((e) => e.detail.auditSeq).sort());

      // The de-anonymisation set 30 days: past them its content goes, its proof stays.
      const later = new Date(Date.now() + 31 * 86_400_000).toISOString();
      // As the member's clock and `audit:purge` run it (test/subgraphs/kit/evidence/evidenceCli).
      const destroyed = await destroyExpiredEvidence(log, 'DE', new Date(later));
      expect(destroyed).toEqual([`evp-${ids.DE_ANONYMISATION}`]);
      const gone = await log.evidence.byId(`evp-${ids.DE_ANONYMISATION}`);
      expect(gone!.items.every((i) => i.content === null && /^[0-9a-f]{64}$/.test(i.sha256))).toBe(
        true,
      );
      expect((await log.verify()).ok).toBe(true);
    } finally {
      await log.close();
    }
    const zip = path.join(out, 'destroyed.zip');
    expect(
      (
        await npmRun('evidenceExport.ts', [
          '--jurisdiction',
          'de',
          '--request',
          ids.DE_ANONYMISATION!,
          '--out',
          zip,
        ])
      ).code,
    ).toBe(0);
    const verified = await npmRun('evidenceVerify.ts', [zip]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/content destroyed/);
    expect(verified.stdout).toMatch(/DESTROYED/);
  }, 120_000);
});
