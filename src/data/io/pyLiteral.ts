/**
 * A parser for the small subset of Python literals that .npy headers use: dicts with string keys,
 * tuples, lists, strings, integers, True/False/None. Written by hand because the header is Python
 * `repr()` output (single quotes, `False`, `(3,)`), which JSON.parse cannot read.
 */

export type PyValue = string | number | boolean | null | PyValue[] | PyDict;
export interface PyDict {
  [key: string]: PyValue;
}

export class PythonLiteralError extends Error {
  override name = 'PythonLiteralError';
}

export function isPyDict(value: PyValue): value is PyDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one literal (surrounding whitespace allowed); throws PythonLiteralError otherwise. */
export function parsePythonLiteral(text: string): PyValue {
  const parser = new Parser(text);
  const value = parser.value();
  parser.end();
  return value;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  value(): PyValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.dict();
    if (c === '(') return this.sequence(')', true);
    if (c === '[') return this.sequence(']', false);
    if (c === "'" || c === '"') return this.string();
    if ((c === 'u' || c === 'b') && (this.peek(1) === "'" || this.peek(1) === '"')) {
      this.pos++;
      return this.string();
    }
    if (c !== undefined && /[-+0-9]/.test(c)) return this.integer();
    if (c !== undefined && /[A-Za-z_]/.test(c)) return this.name();
    return this.fail('a value');
  }

  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('the end of the header');
  }

  private dict(): PyDict {
    this.pos++;
    // No prototype: a key named __proto__ must stay an ordinary key.
    const result = Object.create(null) as PyDict;
    for (;;) {
      this.skipSpace();
      if (this.eat('}')) return result;
      const key = this.value();
      if (typeof key !== 'string') this.fail('a quoted key');
      this.skipSpace();
      if (!this.eat(':')) this.fail("':'");
      result[key] = this.value();
      this.skipSpace();
      if (this.eat('}')) return result;
      if (!this.eat(',')) this.fail("',' or '}'");
    }
  }

  /** Python's `(x)` is x itself; `(x,)` and `()` are tuples. */
  private sequence(close: string, isTuple: boolean): PyValue {
    this.pos++;
    const items: PyValue[] = [];
    let trailingComma = false;
    for (;;) {
      this.skipSpace();
      if (this.eat(close)) break;
      items.push(this.value());
      this.skipSpace();
      if (this.eat(close)) {
        trailingComma = false;
        break;
      }
      if (!this.eat(',')) this.fail(`',' or '${close}'`);
      trailingComma = true;
    }
    if (isTuple && items.length === 1 && !trailingComma) return items[0] ?? null;
    return items;
  }

  private string(): string {
    const quote = this.text[this.pos];
    this.pos++;
    let result = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') this.fail(`a closing ${quote}`);
      this.pos++;
      if (c === quote) return result;
      if (c !== '\\') {
        result += c;
        continue;
      }
      const e = this.text[this.pos] ?? '';
      this.pos++;
      if (e === 'x' || e === 'u') {
        const digits = this.text.slice(this.pos, this.pos + (e === 'x' ? 2 : 4));
        if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== (e === 'x' ? 2 : 4)) {
          this.fail('a hexadecimal escape');
        }
        result += String.fromCharCode(parseInt(digits, 16));
        this.pos += digits.length;
      } else {
        const escaped = ESCAPES[e];
        if (escaped === undefined) this.fail('a known escape sequence');
        result += escaped;
      }
    }
  }

  private integer(): number {
    const match = /^[-+]?[0-9]+[lL]?/.exec(this.text.slice(this.pos));
    if (!match) return this.fail('a whole number');
    this.pos += match[0].length;
    // Python 2's numpy wrote sizes as long literals (`3L`).
    return Number(match[0].replace(/[lL]$/, ''));
  }

  private name(): boolean | null {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    const word = match?.[0] ?? '';
    if (word === 'True' || word === 'False' || word === 'None') {
      this.pos += word.length;
      return word === 'None' ? null : word === 'True';
    }
    return this.fail('a value');
  }

  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private eat(c: string): boolean {
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  private peek(offset: number): string | undefined {
    return this.text[this.pos + offset];
  }

  private fail(expected: string): never {
    const found = this.text[this.pos];
    const what = found === undefined ? 'the end' : JSON.stringify(found);
    throw new PythonLiteralError(
      `expected ${expected} but found ${what} at character ${this.pos + 1}`,
    );
  }
}
