/**
 * Exact sum of decimal strings (`"12.5"`, `"-0.001"`): money is never added as floats.
 * Returns the shortest form (no trailing zeros after the point).
 */
export function sumDecimals(values: Iterable<string>): string {
  let scale = 0;
  const parts: { negative: boolean; digits: string; fraction: string }[] = [];
  for (const value of values) {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
    if (!match) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
    const fraction = match[3] ?? '';
    scale = Math.max(scale, fraction.length);
    parts.push({ negative: match[1] === '-', digits: match[2]!, fraction });
  }
  let total = 0n;
  for (const part of parts) {
    const scaled = BigInt(part.digits + part.fraction.padEnd(scale, '0'));
    total += part.negative ? -scaled : scaled;
  }
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
