/**
 * A tiny escaping template for the share page's HTML and the share image's SVG: every value is
 * text and is escaped, unless it is markup this same function made. No template engine needed.
 */

/** Markup made by `markup`: inserted as is into another template. */
export class Markup {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  toString(): string {
    return this.text;
  }
}

type MarkupValue = string | number | Markup | undefined | false | readonly MarkupValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute, in HTML and in XML alike. */
function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

function fill(value: MarkupValue): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(fill).join('');
  if (value === undefined || value === false) return '';
  return escapeText(String(value));
}

export function markup(strings: TemplateStringsArray, ...values: MarkupValue[]): Markup {
  return new Markup(strings.reduce((out, string, i) => out + string + (i < values.length ? fill(values[i]!) : ''), ''));
}
