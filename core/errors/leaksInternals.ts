/**
 * What must never leave the gateway in an error message: addresses (URLs, IPs, host:port —
 * a subgraph's internal address tells an attacker where the registries are), system error
 * codes, credentials, SQL and stack frames. Each pattern is one class of leak.
 */
const LEAK_PATTERNS: readonly RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\//i, // any URL: http://10.0.0.5:4101/graphql, postgres://…
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/, // IPv4
  /\[[0-9a-f:]*:[0-9a-f:]*\]/i, // bracketed IPv6
  /\blocalhost\b/i,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)+:\d{2,5}\b/i, // host.name:port
  /\bE(?:CONN[A-Z]+|ADDR[A-Z]+|NOTFOUND|AI_AGAIN|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH)\b/, // Node system errors
  /\bUND_ERR_[A-Z_]+\b/,
  /\b(?:password|passwd|pwd|secret|api[_-]?key|token|bearer|authorization)\b\s*[=:]/i,
  /\bbearer\s+[\w-]+\.[\w-]+/i, // a JWT after "Bearer"
  /\beyJ[\w-]{10,}\.[\w-]{10,}/, // a JWT anywhere
  /\b(?:select|insert|update|delete)\b[\s\S]*\b(?:from|into|set|where)\b/i, // SQL
  /\b(?:relation|column|table)\s+"[^"]+"/i, // PostgreSQL error texts
  /\bsyntax error at or near\b/i,
  /\n\s*at\s|\bat\s+\S+\s+\(\S+:\d+:\d+\)/, // stack frames
  /(?:^|[\s(])\/(?:[\w.-]+\/)+[\w.-]+\.(?:[cm]?[jt]s|json|sql|jsonl)\b/, // file paths
];

/** Whether a message carries something internal (an address, a credential, SQL, a stack). */
export function leaksInternals(message: string): boolean {
  return LEAK_PATTERNS.some((pattern) => pattern.test(message));
}
