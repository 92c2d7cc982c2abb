/** Strings that repeat across a bulk file, stored once and referred to by number. */
export class StringTable {
  private readonly numbers = new Map<string, number>();
  private readonly strings: string[] = [];

  ref(value: string): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.strings.push(value) - 1;
      this.numbers.set(value, number);
    }
    return number;
  }

  at(number: number): string {
    return this.strings[number]!;
  }
}
