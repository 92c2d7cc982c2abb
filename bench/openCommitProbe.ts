import pg from 'pg';

/**
 * Times what every durable audit write waits for at least once: a synchronous commit on the
 * audit database server, here one single-row INSERT in autocommit (pgbench's simplest
 * transaction), on a table of the run's own database. A temporary table would not do: its
 * rows are not WAL-logged, so its commit waits for no flush.
 */
export async function openCommitProbe(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS bench_commit_probe (n integer NOT NULL)');
  const { rows } = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  return {
    synchronousCommit: rows[0]?.synchronous_commit ?? 'unknown',
    async sample(count: number): Promise<number[]> {
      const samples: number[] = [];
      for (let n = 0; n < count; n += 1) {
        const began = performance.now();
        await client.query('INSERT INTO bench_commit_probe (n) VALUES ($1)', [n]);
        samples.push(performance.now() - began);
      }
      return samples;
    },
    close: () => client.end(),
  };
}

export type CommitProbe = Awaited<ReturnType<typeof openCommitProbe>>;
