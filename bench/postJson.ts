import { request } from 'undici';

/** What one POST answered: its status, its body parsed as JSON (null if it is not) and its size. */
export interface JsonAnswer {
  status: number;
  json: any;
  bytes: number;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs = 30_000,
): Promise<JsonAnswer> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const text = await response.body.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // reported below as a non-JSON answer
  }
  return { status: response.statusCode, json, bytes: text.length };
}

/** `200, 12 kB, no errors` / `200, 3 kB, FORBIDDEN×50`: what one answer looked like. */
export function describeAnswer(answer: JsonAnswer): string {
  const codes = new Map<string, number>();
  for (const error of answer.json?.errors ?? []) {
    const code = String(error.extensions?.code ?? 'ERROR');
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const errors =
    codes.size === 0 ? 'no errors' : [...codes].map(([code, n]) => `${code}×${n}`).join(', ');
  return `${answer.status}, ${(answer.bytes / 1024).toFixed(1)} kB, ${errors}`;
}
